"""The sample corpus shipped with newsgraph, and the demo command's job."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from newsgraph.config import Config
from newsgraph.ingest import iter_inputs
from newsgraph.pipeline import IngestSummary, ingest
from newsgraph.store import Store


def corpus_dir() -> Path:
    """Folder of the bundled sample articles (a real folder in any normal install)."""
    with as_file(files("newsgraph.demo").joinpath("corpus")) as path:
        return Path(path)


def ingest_demo(db_path: str | Path, *, config: Config) -> IngestSummary:
    with Store(db_path) as store:
        inputs = iter_inputs([str(corpus_dir())], max_bytes=config.max_bytes)
        return ingest(inputs, store=store, config=config)
