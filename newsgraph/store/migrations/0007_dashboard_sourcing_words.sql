-- 0007: what the dashboard filters on and shows per event row without reading records,
-- and a word index for article search.
--   events.hedges, attributions.hedges: the hedge words (JSON lists) of each; the
--     "exclude hedged" filter and the sourcing column read them.
--   article_words: one row per distinct word of an article's title and text. Words
--     come from the ng_words macro (lower case, accents stripped, runs of letters and
--     digits), used alike at ingest, here and on the query, so they cannot disagree.
ALTER TABLE events ADD COLUMN IF NOT EXISTS hedges JSON;
ALTER TABLE attributions ADD COLUMN IF NOT EXISTS hedges JSON;

CREATE OR REPLACE MACRO ng_words(t) AS
    list_distinct(regexp_extract_all(strip_accents(lower(t)), '[\p{L}\p{N}]+'));

CREATE TABLE article_words (
    word VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX article_words_word ON article_words (word);

-- Stores written before this migration: fill all three from the stored records.
UPDATE events SET hedges = h.hedges FROM (
    SELECT a.id AS article_id, json_extract_string(v, '$.id') AS event_id,
           coalesce(json_extract(v, '$.hedges'), '[]') AS hedges
    FROM articles a, unnest(from_json(json_extract(a.record, '$.events'), '["JSON"]')) AS t(v)
) h
WHERE h.article_id = events.article_id AND h.event_id = events.event_id;

UPDATE attributions SET hedges = h.hedges FROM (
    SELECT a.id AS article_id, json_extract_string(q, '$.id') AS attribution_id,
           coalesce(json_extract(q, '$.hedges'), '[]') AS hedges
    FROM articles a,
         unnest(from_json(json_extract(a.record, '$.attributions'), '["JSON"]')) AS t(q)
) h
WHERE h.article_id = attributions.article_id AND h.attribution_id = attributions.attribution_id;

INSERT INTO article_words
SELECT unnest(ng_words(coalesce(title, '') || ' ' || text)) AS word, id FROM articles;
