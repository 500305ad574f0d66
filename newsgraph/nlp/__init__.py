"""The NLP stage: spaCy with newsgraph's own components."""

from newsgraph.nlp.pipeline import load_pipeline, model_identity

__all__ = ["load_pipeline", "model_identity"]
