"""newsgraph: news reports in, sourced event data out."""

from newsgraph.about import __version__

__all__ = ["__version__"]
