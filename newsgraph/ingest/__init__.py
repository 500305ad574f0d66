"""Reading documents from files, folders, standard input and JSON Lines."""

from newsgraph.ingest.sources import SUPPORTED_SUFFIXES, iter_inputs

__all__ = ["SUPPORTED_SUFFIXES", "iter_inputs"]
