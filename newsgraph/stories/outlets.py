"""The outlet registry: web domain -> name, country, language, type, funding.

Shipped as editable data (``stories/data/outlets.csv``); the files of the ``outlets``
setting (same columns) add outlets or override shipped ones. An outlet missing from both
is described from the page's own metadata (``record["source"]``).
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

Outlet = dict[str, str | None]
FIELDS = ("domain", "name", "country", "language", "type", "funding")


def _rows(text: str) -> list[Outlet]:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    rows: list[Outlet] = []
    for row in csv.DictReader(lines):
        domain = (row.get("domain") or "").strip().lower()
        if domain:
            cleaned = {f: ((row.get(f) or "").strip() or None) for f in FIELDS}
            rows.append(cleaned | {"domain": domain})
    return rows


@lru_cache(maxsize=4)
def registry(user_files: str = "") -> dict[str, Outlet]:
    """Domain -> outlet: the shipped file, then ``user_files`` (paths joined by os.pathsep;
    one that does not exist is skipped, as it always was)."""
    shipped = files("newsgraph.stories").joinpath("data/outlets.csv").read_text(encoding="utf-8")
    outlets = {row["domain"] or "": row for row in _rows(shipped)}
    for part in filter(None, user_files.strip().split(os.pathsep)):
        if Path(part).is_file():
            for row in _rows(Path(part).read_text(encoding="utf-8")):
                outlets[row["domain"] or ""] = row
    return outlets


def _bare(domain: str) -> str:
    domain = domain.strip().lower()
    return domain[4:] if domain.startswith("www.") else domain


def lookup(domain: str | None, user_files: str = "") -> Outlet | None:
    """The registry entry for ``domain`` or its nearest registered parent domain."""
    if not domain:
        return None
    known = registry(user_files)
    parts = _bare(domain).split(".")
    for start in range(len(parts) - 1):
        found = known.get(".".join(parts[start:]))
        if found:
            return found
    return None


def outlet_of(record: dict[str, Any], user_files: str = "") -> Outlet:
    """The outlet of a record: the registry's entry, else what the page said about itself.
    ``user_files`` is the ``outlets`` setting."""
    source = record.get("source") or {}
    domain = source.get("domain")
    found = lookup(domain, user_files)
    if found:
        return dict(found)
    return {
        "domain": _bare(domain) if domain else None,
        "name": source.get("name") or domain,
        "country": source.get("country"),
        "language": record.get("language"),
        "type": None,
        "funding": None,
    }
