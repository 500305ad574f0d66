"""The generated parts of the user docs match the code they are generated from."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from newsgraph.errors import reason_catalogue

ROOT = Path(__file__).resolve().parents[1]


def _update_docs():
    spec = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts/update_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_blocks_are_current():
    update_docs = _update_docs()
    assert ROOT / "README.md" in update_docs.DOCUMENTS
    names: set[str] = set()
    for path in update_docs.DOCUMENTS:
        assert path.exists(), path
        text = path.read_text(encoding="utf-8")
        names |= {block["name"] for block in update_docs.BLOCK.finditer(text)}
        assert update_docs.refreshed(text) == text, f"{path} is stale: run 'make docs'"
    assert names == set(update_docs.GENERATORS)  # every generator has its block in the docs


def test_readme_lists_every_failure_reason():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    codes = [code for code, _ in reason_catalogue()]
    assert len(codes) == len(set(codes)) >= 20
    for code in codes:
        assert f"| `{code}` |" in readme, code
