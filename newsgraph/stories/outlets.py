"""The outlet registry: web domain -> name, country, language, type.

Shipped as editable data (``stories/data/outlets.csv``); a file named by the environment
variable NEWSGRAPH_OUTLETS (same columns) adds outlets or overrides shipped ones. An
outlet missing from both is described from the page's own metadata (``record["source"]``).
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

Outlet = dict[str, str | None]
FIELDS = ("domain", "name", "country", "language", "type")


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
def registry(extra_path: str | None = None) -> dict[str, Outlet]:
    shipped = files("newsgraph.stories").joinpath("data/outlets.csv").read_text(encoding="utf-8")
    outlets = {row["domain"] or "": row for row in _rows(shipped)}
    if extra_path and Path(extra_path).is_file():
        for row in _rows(Path(extra_path).read_text(encoding="utf-8")):
            outlets[row["domain"] or ""] = row
    return outlets


def _bare(domain: str) -> str:
    domain = domain.strip().lower()
    return domain[4:] if domain.startswith("www.") else domain


def lookup(domain: str | None) -> Outlet | None:
    """The registry entry for ``domain`` or its nearest registered parent domain."""
    if not domain:
        return None
    known = registry(os.environ.get("NEWSGRAPH_OUTLETS"))
    parts = _bare(domain).split(".")
    for start in range(len(parts) - 1):
        found = known.get(".".join(parts[start:]))
        if found:
            return found
    return None


def outlet_of(record: dict[str, Any]) -> Outlet:
    """The outlet of a record: the registry's entry, else what the page said about itself."""
    source = record.get("source") or {}
    domain = source.get("domain")
    found = lookup(domain)
    if found:
        return dict(found)
    return {
        "domain": _bare(domain) if domain else None,
        "name": source.get("name") or domain,
        "country": source.get("country"),
        "language": record.get("language"),
        "type": None,
    }
