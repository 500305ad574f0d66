"""The one place where newsgraph's spaCy pipeline is built."""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from newsgraph.errors import Errors, NewsgraphError
from newsgraph.extract.attributions.cue_model import BUNDLED
from newsgraph.nlp import components  # noqa: F401  (registers the factories)

ATTRIBUTIONS = "newsgraph_attributions_v1"  # takes the cue_model setting

# Our components, in order, appended after the model's own pipes: (module that registers
# the factory, factory name). Extraction steps read what earlier ones assigned.
NEWSGRAPH_COMPONENTS = (
    ("newsgraph.nlp.components", "newsgraph_entity_spans_v1"),
    ("newsgraph.extract.times.component", "newsgraph_times_v1"),
    ("newsgraph.extract.places.component", "newsgraph_places_v1"),
    ("newsgraph.extract.actors.component", "newsgraph_actors_v1"),
    ("newsgraph.extract.events.component", "newsgraph_events_v1"),
    ("newsgraph.extract.category.component", "newsgraph_category_v1"),
    ("newsgraph.extract.attributions.component", ATTRIBUTIONS),
)


@lru_cache(maxsize=4)
def load_pipeline(model: str, cue_model: str = BUNDLED) -> Language:
    """Load ``model`` (a package name or path) and add newsgraph's components;
    ``cue_model`` is the attribution component's (see ``extract.cue_model``).

    Cached per setting so that every stage in a process shares one pipeline.
    """
    try:
        nlp = spacy.load(model)
    except OSError:
        raise NewsgraphError(Errors.E003.format(model=model)) from None
    for module, factory in NEWSGRAPH_COMPONENTS:
        importlib.import_module(module)  # registers the factory
        settings = {"cue_model": cue_model} if factory == ATTRIBUTIONS else {}
        nlp.add_pipe(factory, last=True, config=settings)
    return nlp


def model_identity(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_"),
        "version": str(meta.get("version", "")),
        "spacy": spacy.__version__,
    }
