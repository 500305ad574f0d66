"""Analysis records: clean documents -> spaCy -> the record (the contract in docs/record.md).

A pure function of (document, configuration, model): nothing here reads the clock, the
machine or the environment, so the same input gives the same record byte for byte.
"""

from __future__ import annotations

import json
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.about import __version__
from newsgraph.clean import clean
from newsgraph.config import Config
from newsgraph.nlp import model_identity
from newsgraph.nlp.extensions import DOC_TEXT_KEY, RECORD_FIELDS
from newsgraph.record.types import Record
from newsgraph.types import Analyzed, CleanDocument, Failure, RawInput


def provenance(nlp: Language, config: Config) -> dict[str, Any]:
    return {
        "newsgraph": __version__,
        "model": model_identity(nlp),
        "pipeline": list(nlp.pipe_names),
        "config_hash": config.hash(),
    }


def entity_records(doc: Doc) -> list[dict[str, Any]]:
    return [
        {
            "id": ent._.entity_id,
            "text": ent.text,
            "start": ent.start_char,
            "end": ent.end_char,
            "label": ent.label_,
        }
        for ent in doc._.newsgraph_entities or ()
    ]


def build_record(document: CleanDocument, doc: Doc, prov: dict[str, Any]) -> Record:
    """Assemble the Analysis record. Key order is fixed so the JSON is stable."""
    record: Record = {
        "id": document.id,
        "url": document.url,
        "path": document.path,
        "title": document.title,
        "text": document.text,
        "language": document.language,
        "published": document.published,
        "published_source": document.published_source,
        "published_evidence": document.published_evidence,
        "source": document.source,
        "author": document.author,
        "rewrite_signals": document.rewrite_signals,
        "entities": entity_records(doc),
    }
    for field, attribute in RECORD_FIELDS:
        value = getattr(doc._, attribute)
        if value is not None:
            record[field] = value
    record["provenance"] = prov
    return record


def _prepared(nlp: Language, document: CleanDocument) -> Doc:
    """Tokenise and attach the document context the extraction components read."""
    doc = nlp.make_doc(document.text)
    # The text the doc was made from is its text (spaCy keeps it whole); seeding the
    # cache spares every component the re-join of all tokens that doc.text costs.
    doc.user_data[DOC_TEXT_KEY] = document.text
    doc._.ng_published = document.published[:10] if document.published else None
    doc._.ng_source = document.source
    return doc


def annotate(documents: list[CleanDocument], *, nlp: Language, config: Config) -> list[Record]:
    """Run the NLP stage on clean documents (one nlp.pipe batch) and build records."""
    prov = provenance(nlp, config)
    docs = nlp.pipe((_prepared(nlp, d) for d in documents), batch_size=config.batch_size)
    return [build_record(d, doc, prov) for d, doc in zip(documents, docs, strict=True)]


def analyze_batch(
    batch: list[RawInput | Failure | Analyzed], *, config: Config, nlp: Language
) -> list[Record | Failure]:
    """Clean and annotate one batch, keeping input order (failures stay in place;
    records analysed elsewhere pass through unchanged)."""
    cleaned = [clean(item, config) if isinstance(item, RawInput) else item for item in batch]
    good = [item for item in cleaned if isinstance(item, CleanDocument)]
    records = iter(annotate(good, nlp=nlp, config=config))
    return [
        item
        if isinstance(item, Failure)
        else item.record
        if isinstance(item, Analyzed)
        else next(records)
        for item in cleaned
    ]


def dumps(record: Record) -> str:
    """One JSON Lines line; UTF-8 kept readable, key order as built."""
    return json.dumps(record, ensure_ascii=False)
