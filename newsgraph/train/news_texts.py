"""Texts for the events training set, read where they live in ``../shared/data``.

The training annotations are kept as standoff (a text reference and character offsets),
never with the text: a reference names a corpus and a document in it, and this module
turns it back into the exact text the offsets were taken from.
"""

from __future__ import annotations

from pathlib import Path

from ..eval.geo import read_gwn
from ..eval.quotes import read_text
from ..eval.stories_data import read_document

# corpus name -> folder under the shared data root
CORPUS_FOLDERS = {
    "polnear": Path("quotes/polnear/train/text"),
    "gwn": Path("geo/GWN.xml"),
    "ecbplus": Path("stories/ecbplus"),
}


def training_text(data_root: Path, reference: str) -> str:
    """The text behind ``corpus:document`` (``polnear:<file>``, ``gwn:<article number>``,
    ``ecbplus:<topic>/<file stem>``)."""
    corpus, _, document = reference.partition(":")
    if corpus not in CORPUS_FOLDERS or not document:
        raise ValueError(f"unknown text reference {reference!r}")
    where = data_root / CORPUS_FOLDERS[corpus]
    if corpus == "polnear":
        return read_text(where / document)
    if corpus == "ecbplus":
        return read_document(where / f"{document}.xml")
    number = int(document)
    for article in read_gwn(where, limit=number + 1):
        if article.number == number:
            return article.text
    raise ValueError(f"no article {number} in {where}")
