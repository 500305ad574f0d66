"""The API reference at /api/docs, rendered on the server from the OpenAPI schema.

FastAPI's own docs page pulls Swagger UI from a CDN and runs an inline script; the
dashboard works offline under a Content-Security-Policy that allows neither. This page
lists the same schema as plain HTML: every operation with its parameters and body.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.web.pages import render

router = APIRouter(include_in_schema=False)

_METHODS = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        kinds = [_type_of(s) for s in schema["anyOf"] if s.get("type") != "null"]
        return " | ".join(kinds) or "any"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items') or {})}"
    kind = str(schema.get("type") or "any")
    return f"{kind} ({schema['format']})" if schema.get("format") else kind


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's operations in path order, each with its readable parameters."""
    found = []
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in _METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [
                {
                    "name": p["name"],
                    "where": p.get("in"),
                    "required": bool(p.get("required")),
                    "type": _type_of(p.get("schema") or {}),
                    "description": p.get("description")
                    or (p.get("schema") or {}).get("description")
                    or "",
                }
                for p in operation.get("parameters", [])
            ]
            body = operation.get("requestBody", {}).get("content", {})
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary") or "",
                    "parameters": parameters,
                    "body": [
                        f"{media}: {_type_of(content.get('schema') or {})}"
                        for media, content in body.items()
                    ],
                    "anchor": re.sub(r"[^A-Za-z0-9]+", "-", f"{method}{path}").strip("-"),
                }
            )
    return found


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render("api_docs.html", info=spec.get("info", {}), operations=operations(spec))
