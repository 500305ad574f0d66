"""Evaluators that measure newsgraph against annotated data (see ../shared/data/README.md)."""
