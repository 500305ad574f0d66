"""Progress of long runs: a live bar on a terminal, plain lines elsewhere (logs, pipes)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from newsgraph.pipeline import IngestSummary


class IngestProgress:
    """Shows documents done, documents/second and, when the total is known, the ETA."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.started = time.monotonic()
        self.live = self.stream.isatty()
        self.progress: Progress | None = None
        if self.live:
            self.progress = Progress(
                TextColumn("{task.completed:>7.0f}{task.fields[of]} docs"),
                TextColumn("{task.fields[rate]:>7.1f} docs/s"),
                TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self.task = self.progress.add_task(
                "ingest", total=total, of=f"/{total}" if total else "", rate=0.0, counts=""
            )

    def __enter__(self) -> IngestProgress:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress:
            self.progress.stop()

    def update(self, summary: IngestSummary) -> None:
        done = summary.ingested + summary.duplicates + summary.failed
        rate = done / max(time.monotonic() - self.started, 1e-9)
        counts = (
            f"{summary.ingested} ingested, {summary.duplicates} duplicates, {summary.failed} failed"
        )
        if self.progress:
            self.progress.update(self.task, completed=done, rate=rate, counts=counts)
        else:
            print(f"... {counts} ({rate:.1f} docs/s)", file=self.stream, flush=True)
