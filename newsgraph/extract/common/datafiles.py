"""Loading the package's YAML data files plus user files named by an environment variable."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from newsgraph.errors import NewsgraphError


def shipped_yaml(name: str) -> Any:
    """A YAML file from ``newsgraph/extract/data``."""
    text = files("newsgraph.extract").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def user_yaml(env_var: str) -> list[Any]:
    """YAML documents from the files listed (os.pathsep-separated) in ``env_var``."""
    value = os.environ.get(env_var, "").strip()
    documents = []
    for part in filter(None, value.split(os.pathsep)):
        try:
            documents.append(yaml.safe_load(Path(part).read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError) as error:
            raise NewsgraphError(f"{env_var}: cannot read {part}: {error}") from None
    return documents
