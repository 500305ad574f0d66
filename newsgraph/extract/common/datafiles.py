"""The extractors' data: files shipped in ``newsgraph/extract/data`` and the user's own.

A user's files come from a :class:`~newsgraph.config.Config` setting (``actors``,
``event_lexicon``): one path, or several joined by ``os.pathsep``.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import Errors, NewsgraphError


def data_text(name: str) -> str:
    """A shipped data file's text (``name`` may hold a subfolder: "a/b.yaml")."""
    return files("newsgraph.extract").joinpath("data", name).read_text(encoding="utf-8")


def data_bytes(name: str) -> bytes:
    return files("newsgraph.extract").joinpath("data", name).read_bytes()


def shipped_yaml(name: str) -> Any:
    """A YAML file from ``newsgraph/extract/data``."""
    return yaml.safe_load(data_text(name))


def user_yaml(paths: str, setting: str) -> list[Any]:
    """YAML documents from the files in ``paths`` (the value of config key ``setting``)."""
    documents = []
    for part in filter(None, paths.strip().split(os.pathsep)):
        try:
            documents.append(yaml.safe_load(Path(part).read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError) as error:
            raise NewsgraphError(Errors.E016.format(key=setting, path=part, error=error)) from None
    return documents
