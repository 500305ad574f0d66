"""Files of the learned models (the attribution cue model, the eventhood model).

Each model is a JSON object of feature weights and thresholds, shipped gzip-compressed in
``newsgraph/extract/data`` or written by ``newsgraph train ...``. Reading picks the
bundled file, "none" or a path, and turns any failure into the model's own catalogue
error; writing is deterministic (sorted by the caller, no gzip mtime).
"""

from __future__ import annotations

import gzip
import json
import math
from pathlib import Path
from typing import Any

from newsgraph.errors import NewsgraphError
from newsgraph.extract.common.datafiles import data_bytes

BUNDLED = "bundled"
NONE = "none"


def sigmoid(score: float) -> float:
    """The logistic function, 0.0 far below zero (where ``exp`` would overflow)."""
    if score < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


def write_model(path: Path, payload: dict[str, Any]) -> None:
    """Write ``payload``; a ``.gz`` name is compressed (deterministically: no mtime)."""
    raw = json.dumps(payload, indent=0, ensure_ascii=False).encode("utf-8")
    if path.suffix == ".gz":
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)


def decode_model(raw: bytes, origin: str, error_template: str) -> Any:
    """The JSON in ``raw`` (gzip-compressed or not); ``error_template`` (with ``path`` and
    ``error``) names what failed."""
    try:
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return json.loads(raw.decode("utf-8"))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NewsgraphError(error_template.format(path=origin, error=error)) from None


def model_source(spec: str, bundled_file: str, error_template: str) -> tuple[bytes, str] | None:
    """The bytes and origin a model setting names: ``bundled_file`` for "bundled", None
    for "none", else the file at path ``spec``."""
    if spec == NONE:
        return None
    if spec == BUNDLED:
        return data_bytes(bundled_file), bundled_file
    try:
        return Path(spec).read_bytes(), spec
    except OSError as error:
        raise NewsgraphError(error_template.format(path=spec, error=error.strerror)) from None
