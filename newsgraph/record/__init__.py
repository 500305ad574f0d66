"""The Analysis record as types (``types``), its closed vocabularies (``vocabulary``) and a
checker (``check``). The contract in words is ``docs/record.md``."""

from newsgraph.record.types import AnalysisRecord
from newsgraph.record.vocabulary import MODALITIES, PLOVER_TYPES, SOURCE_TYPES

__all__ = ["MODALITIES", "PLOVER_TYPES", "SOURCE_TYPES", "AnalysisRecord"]
