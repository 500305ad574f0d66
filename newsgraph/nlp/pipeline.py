"""The one place where newsgraph's spaCy pipeline is built."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.nlp import components  # noqa: F401  (registers the factories)

# Our components, in order, appended after the model's own pipes.
NEWSGRAPH_COMPONENTS = ("newsgraph_entity_spans_v1",)


@lru_cache(maxsize=4)
def load_pipeline(model: str) -> Language:
    """Load ``model`` (a package name or path) and add newsgraph's components.

    Cached per model name so that every stage in a process shares one pipeline.
    """
    try:
        nlp = spacy.load(model)
    except OSError:
        raise NewsgraphError(Errors.E003.format(model=model)) from None
    for name in NEWSGRAPH_COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp


def model_identity(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_"),
        "version": str(meta.get("version", "")),
        "spacy": spacy.__version__,
    }
