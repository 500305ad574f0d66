"""Document language: the page's declaration when present, else a text classifier."""

from __future__ import annotations

import py3langid


def detect_language(text: str, declared: str | None = None) -> str | None:
    if declared:
        return declared
    sample = text[:5000]
    if len(sample.split()) < 3:
        return None
    code, _score = py3langid.classify(sample)
    return str(code)
