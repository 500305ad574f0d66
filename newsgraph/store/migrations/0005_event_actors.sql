-- 0005: who takes part in each event, one row per (event, actor, role). The events table
-- keeps its JSON lists for export; filters and the network join this table instead,
-- which the database can hash-join rather than test JSON per row.
CREATE TABLE event_actors (
    article_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,               -- actor | target
    PRIMARY KEY (article_id, event_id, actor_id, role)
);

-- Stores written before this migration: fill it from the JSON lists.
INSERT INTO event_actors
SELECT DISTINCT article_id, event_id, actor_id, role FROM (
    SELECT article_id, event_id, unnest(from_json(actors, '["VARCHAR"]')) AS actor_id,
           'actor' AS role
    FROM events
    UNION ALL
    SELECT article_id, event_id, unnest(from_json(targets, '["VARCHAR"]')) AS actor_id,
           'target' AS role
    FROM events
) WHERE actor_id IS NOT NULL;
