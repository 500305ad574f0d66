"""Exports of the store: tables (Parquet, CSV), records (JSONL), and event-data shapes
(GDELT 2.0 events TSV, PLOVER JSON, ACLED CSV). See ``data/mappings.yaml`` for the code
mappings and what each loses."""
