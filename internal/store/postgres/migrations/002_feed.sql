-- The change feed (store.Feed): events.seq is the position of an event's
-- latest change and added_seq that of its creation; feed holds the last
-- position handed out, one row that every writing transaction updates
-- just before it commits, so that positions are taken in commit order;
-- removed_events keeps the events a recode removed, at the position of
-- their removal. Events stored before this migration take their ids as
-- positions.
ALTER TABLE events ADD COLUMN seq bigint NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN added_seq bigint NOT NULL DEFAULT 0;
UPDATE events SET seq = id, added_seq = id;
CREATE INDEX events_seq ON events (seq);
CREATE TABLE feed (seq bigint NOT NULL);
INSERT INTO feed (seq) SELECT coalesce(max(id), 0) FROM events;
CREATE TABLE removed_events (
  event_id bigint PRIMARY KEY,
  seq      bigint NOT NULL,
  at       timestamptz NOT NULL
);
CREATE INDEX removed_events_seq ON removed_events (seq);
