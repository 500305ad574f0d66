"""Rewrite the generated blocks of the user docs from the code they describe.

A generated block sits between ``<!-- generated:NAME -->`` and ``<!-- end:NAME -->``;
``tests/test_docs.py`` fails when one is stale. Run ``make docs`` (this script) to refresh.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from newsgraph.errors import reasons_markdown

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GENERATORS: dict[str, Callable[[], str]] = {"failure-reasons": reasons_markdown}
BLOCK = re.compile(
    r"(<!-- generated:(?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end:(?P=name) -->)", re.S
)


def refreshed(text: str) -> str:
    """``text`` with every generated block it holds rewritten."""

    def fill(match: re.Match[str]) -> str:
        body = GENERATORS[match["name"]]()
        return f"{match[1]}{body}{match[4]}"

    return BLOCK.sub(fill, text)


def main() -> int:
    for path in DOCUMENTS:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            new = refreshed(text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
