"""The clean stage: main text, title, dates and rewrite signals from raw documents."""

from newsgraph.clean.document import clean, content_hash

__all__ = ["clean", "content_hash"]
