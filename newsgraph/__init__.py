"""newsgraph: news reports in, sourced event data out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.about import __version__

if TYPE_CHECKING:
    from newsgraph.dataset import Dataset


def open(path: str | Path) -> Dataset:  # noqa: A001 (the notebook-friendly name)
    """Open a store read-only for notebooks: ``newsgraph.open("newsgraph.duckdb")``."""
    from newsgraph.dataset import Dataset

    return Dataset(path)


__all__ = ["__version__", "open"]
