-- The entente store, schema version 1 (PRAGMA user_version).
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
  last_seen      TEXT NOT NULL
);
CREATE INDEX events_identity ON events (source_key, target_key, code, date, modality);
CREATE INDEX events_date ON events (date);

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
