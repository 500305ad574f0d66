"""Extraction components: times, places, actors, events, attributions.

Each module registers one spaCy component (``@Language.factory``) that reads the parse and
what earlier components assigned, and writes record-shaped dicts to a ``Doc._`` attribute
(see ``newsgraph/nlp/extensions.py``). Lexicons and dictionaries live in ``extract/data``.
"""
