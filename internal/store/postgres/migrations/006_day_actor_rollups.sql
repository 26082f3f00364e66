-- The rollup per day and actor of dated events, which a graph over days
-- that are not whole months reads (at most the actors a day, where the
-- rollup per day and dyad holds about an event a row), and the rollups
-- per QuadClass, root and place, and per country, role (s, t or e as in
-- rollup_countries), QuadClass, root and place, which a map of a
-- QuadClass or root, or of one country's events, reads. Filled from the
-- rollup per day and dyad and from the events.
CREATE TABLE rollup_node_days (
  day    text COLLATE "C" NOT NULL,
  key    text COLLATE "C" NOT NULL,      -- store.SideKey
  events integer NOT NULL,
  PRIMARY KEY (day, key)
);
CREATE TABLE rollup_place_roots (
  quad    smallint NOT NULL,
  root    text COLLATE "C" NOT NULL,
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,     -- '' when unknown
  events  integer NOT NULL,
  PRIMARY KEY (quad, root, name, country)
);
CREATE TABLE rollup_country_places (
  country       text COLLATE "C" NOT NULL, -- a side's country
  role          text COLLATE "C" NOT NULL,
  quad          smallint NOT NULL,
  root          text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL, -- the place
  place_country text COLLATE "C" NOT NULL, -- '' when unknown
  events        integer NOT NULL,
  PRIMARY KEY (country, role, quad, root, name, place_country)
);

INSERT INTO rollup_node_days SELECT day, k, sum(n) FROM (
    SELECT source AS k, day, events AS n FROM rollup_dyads WHERE day <> ''
    UNION ALL
    SELECT target, day, events FROM rollup_dyads WHERE day <> '' AND target <> source) sides
  WHERE k <> '|||' GROUP BY 1, 2;
INSERT INTO rollup_place_roots SELECT quad, root, coalesce(place_name, ''), coalesce(place_country, ''), count(*)
  FROM events WHERE place IS NOT NULL GROUP BY 1, 2, 3, 4;
INSERT INTO rollup_country_places SELECT c, r, quad, root, n, pc, count(*) FROM (
    SELECT source_country AS c, 's' AS r, quad, root, coalesce(place_name, '') AS n, coalesce(place_country, '') AS pc
      FROM events WHERE source_country <> '' AND place IS NOT NULL
    UNION ALL SELECT target_country, 't', quad, root, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE target_country <> '' AND place IS NOT NULL
    UNION ALL SELECT source_country, 'e', quad, root, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE source_country <> '' AND place IS NOT NULL
    UNION ALL SELECT target_country, 'e', quad, root, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE target_country <> '' AND target_country <> source_country AND place IS NOT NULL) sides
  GROUP BY 1, 2, 3, 4, 5, 6;
