"""Reading documents: what a user names is resolved to a typed source (``resolve``) and
read by that kind's reader (``files``, ``warc``, ``web``, ``parquet``)."""

from newsgraph.ingest.files import SUPPORTED_SUFFIXES
from newsgraph.ingest.resolve import iter_inputs

__all__ = ["SUPPORTED_SUFFIXES", "iter_inputs"]
