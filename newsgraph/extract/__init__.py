"""Extraction components: times, places, actors, events, category, attributions.

One package per component. Each has a ``component`` module that registers its spaCy
factory (``@Language.factory``, versioned name, ``assigns``/``requires``), reads the parse
and what earlier components assigned, and writes record-shaped dicts to a ``Doc._``
attribute (see ``newsgraph/nlp/extensions.py``); the package's other modules are that
component's helpers and lexicon loading. ``common`` holds what they share. Lexicons and
dictionaries are data, in ``extract/data``. The pipeline order lives in
``newsgraph/nlp/pipeline.py``.
"""
