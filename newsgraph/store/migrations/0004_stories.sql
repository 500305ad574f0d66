-- 0004: stories (reports of the same event), lineage (copies and rewrites), outlets,
-- and the per-article fingerprints from which the clustering index is rebuilt.
CREATE TABLE stories (
    story_id VARCHAR PRIMARY KEY,        -- "S" + hash of the founding article's id
    first_published VARCHAR,             -- earliest member's published date, if any
    last_published VARCHAR,
    title VARCHAR,                       -- the founding article's title
    size INTEGER NOT NULL
);

CREATE TABLE story_members (
    story_id VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL PRIMARY KEY
);
CREATE INDEX story_members_story ON story_members (story_id);

CREATE TABLE lineage (
    article_id VARCHAR NOT NULL,         -- the later document
    other_id VARCHAR NOT NULL,           -- the earlier one it duplicates/copies/rewrites
    relation VARCHAR NOT NULL,           -- duplicate | copy | rewrite
    similarity DOUBLE NOT NULL,
    PRIMARY KEY (article_id, other_id)
);
CREATE INDEX lineage_other ON lineage (other_id);

CREATE TABLE outlets (
    domain VARCHAR PRIMARY KEY,
    name VARCHAR,
    country VARCHAR,                     -- ISO 3166 alpha-3
    language VARCHAR,
    type VARCHAR
);

CREATE TABLE fingerprints (
    article_id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,                 -- ingest order, for replay
    text_minhash BLOB NOT NULL,          -- MinHash of word shingles (fingerprints.py)
    facts JSON NOT NULL,                 -- meaning signature
    revised BOOLEAN NOT NULL,
    terms JSON NOT NULL,                 -- clustering terms and weights (features.py)
    event_types JSON NOT NULL,
    published_date DATE
);
