-- 0006: one event row per real-world event (events[] merges its mentions): how many
-- mentions the text has of it, and whether its date comes from the text or the document.
ALTER TABLE events ADD COLUMN IF NOT EXISTS mention_count INTEGER DEFAULT 1;
ALTER TABLE events ADD COLUMN IF NOT EXISTS time_source VARCHAR;
