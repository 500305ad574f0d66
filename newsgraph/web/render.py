"""The dashboard's template environment: autoescaping on for every template, so nothing
from an article is ever emitted as markup, and the few helpers templates share."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsgraph.about import __version__
from newsgraph.web.safety import safe_href

TEMPLATES = Environment(
    loader=FileSystemLoader(str(files("newsgraph.web").joinpath("templates"))),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def label(value: Any) -> str:
    """A vocabulary value as people read it: "named_person" -> "named person"."""
    return "" if value is None else str(value).replace("_", " ")


TEMPLATES.globals.update(version=__version__, safe_href=safe_href)
TEMPLATES.filters["label"] = label


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(TEMPLATES.get_template(name).render(**context), status_code=status_code)
