-- The entente store, schema version 8 (PRAGMA user_version); migrate.go
-- brings a version-1 to 7 database here in place.
-- Times are RFC 3339 text in UTC; dates are YYYY-MM-DD text; JSON columns
-- hold the output contract's shapes (DESIGN.md).

-- One row per ingested document, failed ones included (error not null).
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,              -- JSON Lines "id", else file path or URL
  url         TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  site        TEXT NOT NULL DEFAULT '',   -- publisher as the input named it
  publisher   TEXT NOT NULL,              -- the key num_sources counts (store.Publisher)
  lang        TEXT NOT NULL DEFAULT '',
  date        TEXT,                       -- document date
  date_from   TEXT NOT NULL DEFAULT '',   -- metadata, flag, text or ''
  text        TEXT NOT NULL,
  hash        TEXT NOT NULL UNIQUE,       -- SHA-256 of text (store.Hash)
  ingested_at TEXT NOT NULL,
  error       TEXT                        -- why the document was not coded
);

-- One row per real-world event (GDELT's events table).
CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  source_key     TEXT NOT NULL,           -- store.ActorKey: country|org|sector|id
  target_key     TEXT NOT NULL,
  source         TEXT NOT NULL,           -- actor JSON
  target         TEXT NOT NULL,
  code           TEXT NOT NULL,           -- CAMEO
  root           TEXT NOT NULL,
  quad           INTEGER NOT NULL,
  goldstein      REAL NOT NULL,
  plover         TEXT NOT NULL,
  date           TEXT,
  date_precision TEXT,
  place          TEXT,                    -- place JSON
  place_country  TEXT,
  modality       TEXT NOT NULL,
  num_mentions   INTEGER NOT NULL DEFAULT 0,
  num_sources    INTEGER NOT NULL DEFAULT 0, -- distinct publishers
  first_seen     TEXT NOT NULL,
  last_seen      TEXT NOT NULL,
  -- Version 2: the actors' fields as columns (filters and their indexes),
  -- the languages of the mentioning documents (",en,fr,") and the date
  -- with '' for none (sorting and cursors need no NULL).
  source_id      TEXT NOT NULL DEFAULT '',
  source_country TEXT NOT NULL DEFAULT '',
  source_sector  TEXT NOT NULL DEFAULT '',
  source_org     TEXT NOT NULL DEFAULT '',
  source_code    TEXT NOT NULL DEFAULT '',
  target_id      TEXT NOT NULL DEFAULT '',
  target_country TEXT NOT NULL DEFAULT '',
  target_sector  TEXT NOT NULL DEFAULT '',
  target_org     TEXT NOT NULL DEFAULT '',
  target_code    TEXT NOT NULL DEFAULT '',
  langs          TEXT NOT NULL DEFAULT '',
  day            TEXT GENERATED ALWAYS AS (ifnull(date, '')) VIRTUAL,
  -- Version 3: the change feed (store.Feed). seq is the position of the
  -- event's latest change, added_seq that of its creation.
  seq            INTEGER NOT NULL DEFAULT 0,
  added_seq      INTEGER NOT NULL DEFAULT 0,
  -- Version 5: the place's name as a column, which the indexes of
  -- aggregates below can hold (a generated column cannot serve them).
  place_name     TEXT
);
CREATE INDEX events_identity ON events (source_key, target_key, code, date, modality);

-- One row per document sentence that reports an event (GDELT's mentions).
CREATE TABLE mentions (
  id             INTEGER PRIMARY KEY,
  event_id       INTEGER NOT NULL REFERENCES events (id),
  doc_id         INTEGER NOT NULL REFERENCES documents (id),
  sentence       TEXT NOT NULL,           -- evidence text
  evidence_start INTEGER NOT NULL,        -- byte offsets in documents.text
  evidence_end   INTEGER NOT NULL,
  trigger        TEXT NOT NULL,
  rule           TEXT NOT NULL,
  confidence     REAL NOT NULL,
  attributed_to  TEXT NOT NULL,           -- JSON list of reporting sources
  UNIQUE (event_id, doc_id, evidence_start)
);
CREATE INDEX mentions_doc ON mentions (doc_id);

-- The distinct publishers of each event, which num_sources counts.
CREATE TABLE event_sources (
  event_id  INTEGER NOT NULL REFERENCES events (id),
  publisher TEXT NOT NULL,
  PRIMARY KEY (event_id, publisher)
) WITHOUT ROWID;

-- Full-text search over titles and text, case- and accent-insensitive.
CREATE VIRTUAL TABLE documents_fts USING fts5 (
  title, text,
  content = 'documents', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);

-- @feed
-- The change feed (version 3; migrate.go runs this part on a
-- version-2 database): the last position handed out, and the events
-- removed with the position of their removal.
CREATE TABLE feed (seq INTEGER NOT NULL);
INSERT INTO feed (seq) SELECT ifnull(max(id), 0) FROM events;
CREATE TABLE removed_events (
  event_id INTEGER PRIMARY KEY,
  seq      INTEGER NOT NULL,
  at       TEXT NOT NULL
);
CREATE INDEX removed_events_seq ON removed_events (seq);
CREATE INDEX feed_events_seq ON events (seq);
-- @end

-- Indexes of the read side (version 2); shared with migrate.go.
-- @indexes
-- Each lists the day last, so that a page in date order reads the index
-- in order and stops at the page's end.
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE INDEX IF NOT EXISTS events_dyad ON events (source_country, target_country, day);
CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country, day);
CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country, day);
CREATE INDEX IF NOT EXISTS events_source_id ON events (source_id, day);
CREATE INDEX IF NOT EXISTS events_target_id ON events (target_id, day);
CREATE INDEX IF NOT EXISTS events_target_key ON events (target_key, day);
CREATE INDEX IF NOT EXISTS events_goldstein ON events (goldstein);

-- One row per distinct actor of the stored events, kept by Ingest and
-- Recode: key is the knowledge-base id when the actor has one, else its
-- store.ActorKey; fold holds the folded names, ids and codes it was seen
-- with (case and accents ignored), which Actors searches.
CREATE TABLE actors (
  key     TEXT PRIMARY KEY,
  kb_id   TEXT NOT NULL,
  name    TEXT NOT NULL,
  code    TEXT NOT NULL,
  country TEXT NOT NULL,
  org     TEXT NOT NULL,
  sector  TEXT NOT NULL,
  fold    TEXT NOT NULL,
  events  INTEGER NOT NULL,
  first   TEXT,                            -- date of its first and last dated event
  last    TEXT
) WITHOUT ROWID;
CREATE INDEX actors_events ON actors (events);
CREATE INDEX actors_country ON actors (country);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_org ON actors (org);
CREATE INDEX actors_kb ON actors (kb_id);

-- What recodes did: one row per mention added or removed.
CREATE TABLE changes (
  id         INTEGER PRIMARY KEY,
  run        TEXT NOT NULL,
  at         TEXT NOT NULL,
  doc_id     INTEGER NOT NULL,
  event_id   INTEGER NOT NULL,
  action     TEXT NOT NULL,              -- added or removed
  code       TEXT NOT NULL,
  source_key TEXT NOT NULL,
  target_key TEXT NOT NULL,
  date       TEXT,
  evidence   TEXT NOT NULL
);
CREATE INDEX changes_run ON changes (run, id);

-- @rollups
-- Version 4: the rollups of the events (see internal/store/rollup.go),
-- changed by Ingest and Recode in the same transaction as the events;
-- Series, Graph, Places and Count answer from them when the filter
-- allows. migrate.go runs this part on a version-3 database and fills
-- the tables from its events.
CREATE TABLE rollup_days (
  day       TEXT NOT NULL,               -- '' for undated events
  root      TEXT NOT NULL,
  quad      INTEGER NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,               -- sum
  PRIMARY KEY (day, root, quad)
) WITHOUT ROWID;
CREATE TABLE rollup_dyads (
  source    TEXT NOT NULL,               -- store.SideKey
  target    TEXT NOT NULL,
  day       TEXT NOT NULL,
  root      TEXT NOT NULL,
  quad      INTEGER NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (source, target, day, root, quad)
) WITHOUT ROWID;
-- By day, with what a graph over days reads (the key's columns are in
-- every index of a WITHOUT ROWID table), so that it reads no table row.
CREATE INDEX rollup_dyads_day ON rollup_dyads (day, events, goldstein);
CREATE INDEX rollup_dyads_target ON rollup_dyads (target, day);
CREATE TABLE rollup_pairs (
  source    TEXT NOT NULL,
  target    TEXT NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE TABLE rollup_nodes (
  key    TEXT PRIMARY KEY,               -- store.SideKey
  events INTEGER NOT NULL,
  first  TEXT,                           -- its first and last dated event
  last   TEXT
) WITHOUT ROWID;
CREATE INDEX rollup_nodes_events ON rollup_nodes (events);
CREATE TABLE rollup_places (
  name    TEXT NOT NULL,
  country TEXT NOT NULL,                 -- '' when unknown
  place   TEXT NOT NULL,                 -- the least of its JSON forms
  events  INTEGER NOT NULL,
  PRIMARY KEY (name, country)
) WITHOUT ROWID;
CREATE INDEX rollup_places_events ON rollup_places (events);
CREATE INDEX IF NOT EXISTS events_place ON events (place_country, json_extract(place, '$.name'));
-- @end

-- @facts
-- Version 5: what Series, Graph, Places and Count read of an event, in
-- indexes by the country of one side, so that an aggregate over the
-- events of a country reads these indexes alone and never the table.
-- Aggregates test date, not day: an index serves a query alone only when
-- the query names no generated column. day comes second all the same, so
-- that a page of events in date order may read them too.
-- (One line each: Load drops and builds again every events_ index.)
CREATE INDEX IF NOT EXISTS events_source_facts ON events (source_country, day, date, root, quad, goldstein, code, source_id, source_key, target_id, target_key, place_country, place_name);
CREATE INDEX IF NOT EXISTS events_target_facts ON events (target_country, day, date, root, quad, goldstein, code, source_id, source_key, target_id, target_key, place_country, place_name, source_country);
-- @end

-- @months
-- Version 6: rollups per month (YYYY-MM) of dated events, by actor, by
-- dyad and by place, and per day by place, kept as the rollups above
-- are: a graph or a map over a date range reads the whole months of the
-- range from them, and the days of a month the range cuts from the
-- rollup per day and dyad or per day and place. And the rollup per day
-- of each country's events, which a series or a count of one country
-- reads. migrate.go runs this part on a version-5 database and fills
-- the tables.
CREATE TABLE rollup_node_months (
  month  TEXT NOT NULL,
  key    TEXT NOT NULL,                  -- store.SideKey
  events INTEGER NOT NULL,
  first  TEXT,                           -- its first and last day in the month
  last   TEXT,
  PRIMARY KEY (month, key)
) WITHOUT ROWID;
CREATE TABLE rollup_pair_months (
  source    TEXT NOT NULL,
  target    TEXT NOT NULL,
  month     TEXT NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (source, target, month)
) WITHOUT ROWID;
CREATE TABLE rollup_place_days (
  day     TEXT NOT NULL,
  name    TEXT NOT NULL,
  country TEXT NOT NULL,                 -- '' when unknown
  events  INTEGER NOT NULL,
  PRIMARY KEY (day, name, country)
) WITHOUT ROWID;
CREATE TABLE rollup_countries (
  country TEXT NOT NULL,
  role    TEXT NOT NULL,                 -- s: as source, t: as target, e: either side (once an event)
  day     TEXT NOT NULL,                 -- '' for undated events
  root    TEXT NOT NULL,
  quad    INTEGER NOT NULL,
  events  INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (country, role, day, root, quad)
) WITHOUT ROWID;
CREATE TABLE rollup_place_months (
  month   TEXT NOT NULL,
  name    TEXT NOT NULL,
  country TEXT NOT NULL,
  events  INTEGER NOT NULL,
  PRIMARY KEY (month, name, country)
) WITHOUT ROWID;
-- @end

-- @v7
-- Version 7: the rollup per day and actor, which a graph over days that
-- are not whole months reads (at most the actors a day), and the
-- rollups per QuadClass, root and place, and per country, role,
-- QuadClass, root and place, which a map of a QuadClass or root, or of
-- one country's events, reads. migrate.go runs this part on a version-6
-- database and fills them.
CREATE TABLE rollup_node_days (
  day    TEXT NOT NULL,
  key    TEXT NOT NULL,                  -- store.SideKey
  events INTEGER NOT NULL,
  PRIMARY KEY (day, key)
) WITHOUT ROWID;
CREATE TABLE rollup_place_roots (
  quad    INTEGER NOT NULL,
  root    TEXT NOT NULL,
  name    TEXT NOT NULL,
  country TEXT NOT NULL,                 -- '' when unknown
  events  INTEGER NOT NULL,
  PRIMARY KEY (quad, root, name, country)
) WITHOUT ROWID;
CREATE TABLE rollup_country_places (
  country       TEXT NOT NULL,           -- a side's country
  role          TEXT NOT NULL,           -- s, t or e as in rollup_countries
  quad          INTEGER NOT NULL,
  root          TEXT NOT NULL,
  name          TEXT NOT NULL,           -- the place
  place_country TEXT NOT NULL,           -- '' when unknown
  events        INTEGER NOT NULL,
  PRIMARY KEY (country, role, quad, root, name, place_country)
) WITHOUT ROWID;
-- @end

-- @v8
-- Version 8: the rollups per QuadClass, root and actor, and per dyad,
-- QuadClass and root, which a graph of a QuadClass or root without dates
-- reads (at most the actors, then the top actors' pairs by key).
-- migrate.go runs this part on a version-7 database and fills them.
CREATE TABLE rollup_node_roots (
  quad   INTEGER NOT NULL,
  root   TEXT NOT NULL,
  key    TEXT NOT NULL,                  -- store.SideKey
  events INTEGER NOT NULL,
  first  TEXT,                           -- its first and last dated event
  last   TEXT,
  PRIMARY KEY (quad, root, key)
) WITHOUT ROWID;
CREATE TABLE rollup_pair_roots (
  source    TEXT NOT NULL,
  target    TEXT NOT NULL,
  quad      INTEGER NOT NULL,
  root      TEXT NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (source, target, quad, root)
) WITHOUT ROWID;
-- @end

-- @v9
-- Version 9: the rollups per country, role, QuadClass, root and actor,
-- and per country, role, dyad, QuadClass and root, which a graph of one
-- country's events reads (at most the actors, then the top actors' pairs
-- by key); per QuadClass, root, month or day and place, which a map of a
-- QuadClass or root over a date range reads; per country, role, month or
-- day and place, which a map of one country's events over a date range
-- reads. migrate.go runs this part on a version-8 database and fills
-- them.
CREATE TABLE rollup_country_nodes (
  country TEXT NOT NULL,                 -- a side's country
  role    TEXT NOT NULL,                 -- s, t or e as in rollup_countries
  quad    INTEGER NOT NULL,
  root    TEXT NOT NULL,
  key     TEXT NOT NULL,                 -- store.SideKey of either side
  events  INTEGER NOT NULL,
  first   TEXT,                          -- its first and last dated event
  last    TEXT,
  PRIMARY KEY (country, role, quad, root, key)
) WITHOUT ROWID;
CREATE TABLE rollup_country_pairs (
  country   TEXT NOT NULL,
  role      TEXT NOT NULL,
  source    TEXT NOT NULL,
  target    TEXT NOT NULL,
  quad      INTEGER NOT NULL,
  root      TEXT NOT NULL,
  events    INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  PRIMARY KEY (country, role, source, target, quad, root)
) WITHOUT ROWID;
CREATE TABLE rollup_place_root_months (
  quad    INTEGER NOT NULL,
  root    TEXT NOT NULL,
  month   TEXT NOT NULL,                 -- YYYY-MM
  name    TEXT NOT NULL,
  country TEXT NOT NULL,                 -- '' when unknown
  events  INTEGER NOT NULL,
  PRIMARY KEY (quad, root, month, name, country)
) WITHOUT ROWID;
CREATE TABLE rollup_place_root_days (
  quad    INTEGER NOT NULL,
  root    TEXT NOT NULL,
  day     TEXT NOT NULL,
  name    TEXT NOT NULL,
  country TEXT NOT NULL,
  events  INTEGER NOT NULL,
  PRIMARY KEY (quad, root, day, name, country)
) WITHOUT ROWID;
CREATE TABLE rollup_country_place_months (
  country       TEXT NOT NULL,
  role          TEXT NOT NULL,
  month         TEXT NOT NULL,
  name          TEXT NOT NULL,
  place_country TEXT NOT NULL,
  events        INTEGER NOT NULL,
  PRIMARY KEY (country, role, month, name, place_country)
) WITHOUT ROWID;
CREATE TABLE rollup_country_place_days (
  country       TEXT NOT NULL,
  role          TEXT NOT NULL,
  day           TEXT NOT NULL,
  name          TEXT NOT NULL,
  place_country TEXT NOT NULL,
  events        INTEGER NOT NULL,
  PRIMARY KEY (country, role, day, name, place_country)
) WITHOUT ROWID;
-- @end
