-- The entente store in PostgreSQL: the tables of the SQLite store
-- (internal/store/sqlite/schema.sql) with PostgreSQL's types. Dates are
-- YYYY-MM-DD text as there (sorted as text, so under the C collation);
-- JSON columns hold the output contract's shapes (DESIGN.md).

-- One row per ingested document, failed ones included (error not null).
CREATE TABLE documents (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL,              -- JSON Lines "id", else file path or URL
  url         text NOT NULL DEFAULT '',
  title       text NOT NULL DEFAULT '',
  site        text NOT NULL DEFAULT '',   -- publisher as the input named it
  publisher   text NOT NULL,              -- the key num_sources counts (store.Publisher)
  lang        text NOT NULL DEFAULT '',
  date        text,                       -- document date
  date_from   text NOT NULL DEFAULT '',   -- metadata, flag, text or ''
  text        text NOT NULL,
  hash        text NOT NULL UNIQUE,       -- SHA-256 of text (store.Hash)
  ingested_at timestamptz NOT NULL,
  error       text,                       -- why the document was not coded
  -- The folded words of title and text (case and accents ignored), as
  -- the store splits them (store.Words): what Search and Filter.Text match.
  words       tsvector NOT NULL
);
CREATE INDEX documents_words ON documents USING gin (words);

-- One row per real-world event (GDELT's events table).
CREATE TABLE events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_key     text COLLATE "C" NOT NULL, -- store.ActorKey: country|org|sector|id
  target_key     text COLLATE "C" NOT NULL,
  source         text NOT NULL,           -- actor JSON
  target         text NOT NULL,
  code           text COLLATE "C" NOT NULL, -- CAMEO
  root           text COLLATE "C" NOT NULL,
  quad           smallint NOT NULL,
  goldstein      double precision NOT NULL,
  plover         text NOT NULL,
  date           text COLLATE "C",
  date_precision text,
  place          text,                    -- place JSON
  place_name     text COLLATE "C",
  place_country  text COLLATE "C",
  modality       text COLLATE "C" NOT NULL,
  num_mentions   integer NOT NULL DEFAULT 0,
  num_sources    integer NOT NULL DEFAULT 0, -- distinct publishers
  first_seen     timestamptz NOT NULL,
  last_seen      timestamptz NOT NULL,
  source_id      text COLLATE "C" NOT NULL DEFAULT '',
  source_country text COLLATE "C" NOT NULL DEFAULT '',
  source_sector  text COLLATE "C" NOT NULL DEFAULT '',
  source_org     text COLLATE "C" NOT NULL DEFAULT '',
  source_code    text COLLATE "C" NOT NULL DEFAULT '',
  target_id      text COLLATE "C" NOT NULL DEFAULT '',
  target_country text COLLATE "C" NOT NULL DEFAULT '',
  target_sector  text COLLATE "C" NOT NULL DEFAULT '',
  target_org     text COLLATE "C" NOT NULL DEFAULT '',
  target_code    text COLLATE "C" NOT NULL DEFAULT '',
  langs          text COLLATE "C" NOT NULL DEFAULT '', -- ",en,fr,"
  day            text COLLATE "C" GENERATED ALWAYS AS (coalesce(date, '')) STORED
);
CREATE INDEX events_identity ON events (source_key, target_key, code, day, modality);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_dyad ON events (source_country, target_country, day);
CREATE INDEX events_source_country ON events (source_country, day);
CREATE INDEX events_target_country ON events (target_country, day);
CREATE INDEX events_source_id ON events (source_id, day);
CREATE INDEX events_target_id ON events (target_id, day);
CREATE INDEX events_target_key ON events (target_key, day);
CREATE INDEX events_goldstein ON events (goldstein);
CREATE INDEX events_sources ON events (num_sources);
CREATE INDEX events_mentions ON events (num_mentions);

-- One row per document sentence that reports an event (GDELT's mentions).
CREATE TABLE mentions (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id       bigint NOT NULL REFERENCES events (id),
  doc_id         bigint NOT NULL REFERENCES documents (id),
  sentence       text NOT NULL,           -- evidence text
  evidence_start integer NOT NULL,        -- byte offsets in documents.text
  evidence_end   integer NOT NULL,
  trigger        text NOT NULL,
  rule           text NOT NULL,
  confidence     double precision NOT NULL,
  attributed_to  text NOT NULL,           -- JSON list of reporting sources
  UNIQUE (event_id, doc_id, evidence_start)
);
CREATE INDEX mentions_doc ON mentions (doc_id);

-- The distinct publishers of each event, which num_sources counts.
CREATE TABLE event_sources (
  event_id  bigint NOT NULL REFERENCES events (id),
  publisher text NOT NULL,
  PRIMARY KEY (event_id, publisher)
);

-- One row per distinct actor of the stored events (see the SQLite schema).
CREATE TABLE actors (
  key     text COLLATE "C" PRIMARY KEY,
  kb_id   text COLLATE "C" NOT NULL,
  name    text NOT NULL,
  code    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,
  org     text COLLATE "C" NOT NULL,
  sector  text COLLATE "C" NOT NULL,
  fold    text NOT NULL,
  events  integer NOT NULL,
  first   text COLLATE "C",
  last    text COLLATE "C"
);
CREATE INDEX actors_events ON actors (events);
CREATE INDEX actors_country ON actors (country);
CREATE INDEX actors_code ON actors (code);
CREATE INDEX actors_org ON actors (org);
CREATE INDEX actors_kb ON actors (kb_id);

-- What recodes did: one row per mention added or removed.
CREATE TABLE changes (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run        text NOT NULL,
  at         timestamptz NOT NULL,
  doc_id     bigint NOT NULL,
  event_id   bigint NOT NULL,
  action     text NOT NULL,              -- added or removed
  code       text NOT NULL,
  source_key text NOT NULL,
  target_key text NOT NULL,
  date       text,
  evidence   text NOT NULL
);
CREATE INDEX changes_run ON changes (run, id);
