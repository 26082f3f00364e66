-- The rollups of the events (see internal/store/rollup.go), changed in
-- the same transaction as the events by ingest and recode; Series, Graph,
-- Places and Count answer from them when the filter allows. Filled here
-- from the events already stored.
CREATE TABLE rollup_days (
  day       text COLLATE "C" NOT NULL,   -- '' for undated events
  root      text COLLATE "C" NOT NULL,
  quad      smallint NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,   -- sum
  PRIMARY KEY (day, root, quad)
);
CREATE TABLE rollup_dyads (
  source    text COLLATE "C" NOT NULL,   -- store.SideKey
  target    text COLLATE "C" NOT NULL,
  day       text COLLATE "C" NOT NULL,
  root      text COLLATE "C" NOT NULL,
  quad      smallint NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (source, target, day, root, quad)
);
CREATE INDEX rollup_dyads_day ON rollup_dyads (day);
CREATE INDEX rollup_dyads_target ON rollup_dyads (target, day);
CREATE TABLE rollup_pairs (
  source    text COLLATE "C" NOT NULL,
  target    text COLLATE "C" NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (source, target)
);
CREATE TABLE rollup_nodes (
  key    text COLLATE "C" PRIMARY KEY,   -- store.SideKey
  events integer NOT NULL,
  first  text COLLATE "C",               -- its first and last dated event
  last   text COLLATE "C"
);
CREATE INDEX rollup_nodes_events ON rollup_nodes (events);
CREATE TABLE rollup_places (
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,     -- '' when unknown
  place   text COLLATE "C" NOT NULL,     -- the least of its JSON forms
  events  integer NOT NULL,
  PRIMARY KEY (name, country)
);
CREATE INDEX rollup_places_events ON rollup_places (events);
CREATE INDEX events_place ON events (place_country, place_name);

INSERT INTO rollup_days SELECT day, root, quad, count(*), sum(goldstein) FROM events GROUP BY 1, 2, 3;
INSERT INTO rollup_dyads
  SELECT CASE WHEN source_id <> '' THEN source_id ELSE source_key END,
         CASE WHEN target_id <> '' THEN target_id ELSE target_key END, day, root, quad, count(*), sum(goldstein)
  FROM events GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_pairs SELECT source, target, sum(events), sum(goldstein) FROM rollup_dyads GROUP BY 1, 2;
INSERT INTO rollup_nodes SELECT k, count(*), min(nullif(day, '')), max(nullif(day, '')) FROM (
    SELECT CASE WHEN source_id <> '' THEN source_id ELSE source_key END AS k, day FROM events
    UNION ALL
    SELECT CASE WHEN target_id <> '' THEN target_id ELSE target_key END, day FROM events
    WHERE CASE WHEN target_id <> '' THEN target_id ELSE target_key END
       <> CASE WHEN source_id <> '' THEN source_id ELSE source_key END) sides
  WHERE k <> '|||' GROUP BY k;
INSERT INTO rollup_places SELECT coalesce(place_name, ''), coalesce(place_country, ''), min(place COLLATE "C"), count(*)
  FROM events WHERE place IS NOT NULL GROUP BY 1, 2;
