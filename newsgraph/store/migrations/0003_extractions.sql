-- 0003: what the extraction components found, one row per item, for filtering and
-- export. The full item stays in articles.record; these columns are what queries need.
CREATE TABLE actors (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    country VARCHAR,                     -- ISO 3166 alpha-3
    sector VARCHAR,
    roles JSON,
    affiliations JSON,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX actors_name ON actors (name);

CREATE TABLE places (
    article_id VARCHAR NOT NULL,
    place_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    name VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    feature VARCHAR,
    precision VARCHAR,
    PRIMARY KEY (article_id, place_id)
);

CREATE TABLE times (
    article_id VARCHAR NOT NULL,
    time_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    value VARCHAR,
    precision VARCHAR,
    resolved BOOLEAN,
    PRIMARY KEY (article_id, time_id)
);

CREATE TABLE events (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,               -- PLOVER 2.0
    mode VARCHAR,
    modality VARCHAR NOT NULL,
    category VARCHAR,                    -- ACLED-style
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    actors JSON,                         -- actor ids
    targets JSON,
    place_id VARCHAR,
    time_id VARCHAR,
    attribution_id VARCHAR,
    confidence DOUBLE,
    event_date DATE,                     -- the event's time when day-resolved, else published
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (event_date);

CREATE TABLE attributions (
    article_id VARCHAR NOT NULL,
    attribution_id VARCHAR NOT NULL,
    source_text VARCHAR,
    source_type VARCHAR,
    source_actor VARCHAR,
    cue_text VARCHAR,
    content_start INTEGER,
    content_end INTEGER,
    direct BOOLEAN,
    via VARCHAR,
    negated BOOLEAN,
    PRIMARY KEY (article_id, attribution_id)
);
