-- 0008: where an event's place comes from (events[].place_source): its own clause
-- ("text"), its sentence ("sentence"), or the report as a whole ("document": the
-- dateline's or the most-named place, a prior the dashboard marks as such).
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_source VARCHAR;
