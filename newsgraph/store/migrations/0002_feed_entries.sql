-- 0002: feed entries already stored, so a re-poll fetches only new ones.
CREATE TABLE feed_entries (
    feed VARCHAR NOT NULL,               -- feed URL or file path
    entry_key VARCHAR NOT NULL,          -- the entry's id, else its link
    article_id VARCHAR,                  -- the stored article (or the one it duplicated)
    first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (feed, entry_key)
);
