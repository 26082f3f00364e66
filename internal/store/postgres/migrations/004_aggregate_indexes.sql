-- What Series, Graph, Places and Count read of an event, held in the
-- indexes by the country of one side, so that an aggregate over the
-- events of a country is an index-only scan. They replace the indexes on
-- the same keys, which pages of events read in date order as before.
CREATE INDEX IF NOT EXISTS events_source_facts ON events (source_country, day) INCLUDE (root, quad, goldstein, code,
  source_id, source_key, target_id, target_key, place_country, place_name);
CREATE INDEX IF NOT EXISTS events_target_facts ON events (target_country, day) INCLUDE (root, quad, goldstein, code,
  source_id, source_key, target_id, target_key, place_country, place_name, source_country);
DROP INDEX IF EXISTS events_source_country;
DROP INDEX IF EXISTS events_target_country;
