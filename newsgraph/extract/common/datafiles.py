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


class _StrictLoader(yaml.SafeLoader):
    """Safe loading that refuses a key repeated in one mapping: YAML keeps the last one,
    which silently drops the first section (a second ``CONCEDE:`` under ``verb_senses``
    once discarded the first one's constraints)."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"repeated key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)


def shipped_yaml(name: str) -> Any:
    """A YAML file from ``newsgraph/extract/data``."""
    return load_yaml(data_text(name))


def user_yaml(paths: str, setting: str) -> list[Any]:
    """YAML documents from the files in ``paths`` (the value of config key ``setting``)."""
    documents = []
    for part in filter(None, paths.strip().split(os.pathsep)):
        try:
            documents.append(load_yaml(Path(part).read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError) as error:
            raise NewsgraphError(Errors.E016.format(key=setting, path=part, error=error)) from None
    return documents
