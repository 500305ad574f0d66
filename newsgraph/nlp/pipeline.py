"""The one place where newsgraph's spaCy pipelines are built.

:func:`load_pipeline` builds every variant from a :class:`Config`: the full pipeline, or
the model with some of newsgraph's components only (``PLACES_ONLY`` for the toponym
evaluation); :func:`load_model` is the bare model (the benchmark's baseline, the category
evaluation). Each component's settings come from the Config, nowhere else.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

import newsgraph.nlp.components  # noqa: F401  (registers the entity-span factory)
from newsgraph.config import Config
from newsgraph.errors import Errors, NewsgraphError
from newsgraph.nlp.ruler_index import index_attribute_ruler

ENTITY_SPANS = "newsgraph_entity_spans_v1"
PLACES = "newsgraph_places_v1"
ACTORS = "newsgraph_actors_v1"
EVENTS = "newsgraph_events_v1"
EVENT_COREF = "newsgraph_event_coref_v1"
ATTRIBUTIONS = "newsgraph_attributions_v1"

# Our components, in order, appended after the model's own pipes: (module that registers
# the factory, factory name). Extraction steps read what earlier ones assigned.
NEWSGRAPH_COMPONENTS = (
    ("newsgraph.nlp.components", ENTITY_SPANS),
    ("newsgraph.extract.times.component", "newsgraph_times_v1"),
    ("newsgraph.extract.places.component", PLACES),
    ("newsgraph.extract.actors.component", ACTORS),
    ("newsgraph.extract.events.component", EVENTS),
    ("newsgraph.extract.category.component", "newsgraph_category_v1"),
    ("newsgraph.extract.attributions.component", ATTRIBUTIONS),
    ("newsgraph.extract.events.component", EVENT_COREF),
)


ALL = tuple(factory for _, factory in NEWSGRAPH_COMPONENTS)
PLACES_ONLY = (ENTITY_SPANS, PLACES)


def component_settings(factory: str, config: Config) -> dict[str, str]:
    """The settings ``factory``'s component takes from ``config``."""
    settings = {
        PLACES: {"cache": config.cache},
        ACTORS: {
            "dictionaries": config.actors,
            "cache": config.cache,
            "country_prior": config.actor_country,
        },
        EVENTS: {"lexicons": config.event_lexicon},
        ATTRIBUTIONS: {"cue_model": config.cue_model},
        EVENT_COREF: {"event_model": config.event_model},
    }
    return settings.get(factory, {})


def load_model(model: str, *, exclude: tuple[str, ...] = ()) -> Language:
    """The spaCy model ``model`` (a package name or path) alone, a fresh copy each call."""
    try:
        return spacy.load(model, exclude=list(exclude))
    except OSError:
        raise NewsgraphError(Errors.E003.format(model=model)) from None


@lru_cache(maxsize=4)
def load_pipeline(config: Config, *, components: tuple[str, ...] = ALL) -> Language:
    """``config.model`` with newsgraph's ``components`` (all by default, in pipeline order).

    Cached per configuration so that every stage in a process shares one pipeline.
    """
    nlp = load_model(config.model)
    if config.indexed_rules:
        index_attribute_ruler(nlp)
    for module, factory in NEWSGRAPH_COMPONENTS:
        if factory in components:
            importlib.import_module(module)  # registers the factory
            nlp.add_pipe(factory, last=True, config=component_settings(factory, config))
    return nlp


def model_identity(nlp: Language) -> dict[str, str]:
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_"),
        "version": str(meta.get("version", "")),
        "spacy": spacy.__version__,
    }
