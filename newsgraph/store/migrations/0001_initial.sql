-- 0001: articles with their Analysis record, their entities, and per-document failures.
CREATE SEQUENCE article_seq START 1;

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,              -- the record id
    seq BIGINT NOT NULL DEFAULT nextval('article_seq'),  -- ingest order, for cursors
    content_hash VARCHAR NOT NULL UNIQUE,  -- exact-duplicate key (folded text)
    canonical_url VARCHAR,               -- second duplicate key, when known
    url VARCHAR,
    path VARCHAR,
    title VARCHAR,
    text VARCHAR NOT NULL,
    language VARCHAR,
    published VARCHAR,                   -- ISO date/time as in the record
    published_date DATE,                 -- for date filters
    source_name VARCHAR,
    source_domain VARCHAR,
    word_count INTEGER NOT NULL,
    record JSON NOT NULL,                -- the full Analysis record
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE INDEX articles_canonical_url ON articles (canonical_url);
CREATE INDEX articles_published_date ON articles (published_date);

CREATE TABLE entities (
    article_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);

CREATE TABLE failures (
    ref VARCHAR PRIMARY KEY,             -- path, "path#line:N" or "path#<id>"
    reason VARCHAR NOT NULL,             -- stable code, see newsgraph.errors.Reasons
    message VARCHAR NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    last_attempt TIMESTAMP NOT NULL DEFAULT current_timestamp
);
