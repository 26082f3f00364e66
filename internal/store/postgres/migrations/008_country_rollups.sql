-- The rollups per country, role (s, t or e as in rollup_countries),
-- QuadClass, root and actor (with its first and last day), and per
-- country, role, dyad, QuadClass and root, which a graph of one
-- country's events reads (at most the actors, then the top actors' pairs
-- by key); per QuadClass, root, month or day and place, which a map of a
-- QuadClass or root over a date range reads; per country, role, month or
-- day and place, which a map of one country's events over a date range
-- reads. The first two are added up from a temporary table of the events
-- by both sides' countries and keys, QuadClass and root.
CREATE TABLE rollup_country_nodes (
  country text COLLATE "C" NOT NULL,
  role    text COLLATE "C" NOT NULL,
  quad    smallint NOT NULL,
  root    text COLLATE "C" NOT NULL,
  key     text COLLATE "C" NOT NULL,     -- store.SideKey of either side
  events  integer NOT NULL,
  first   text COLLATE "C",
  last    text COLLATE "C",
  PRIMARY KEY (country, role, quad, root, key)
);
CREATE TABLE rollup_country_pairs (
  country   text COLLATE "C" NOT NULL,
  role      text COLLATE "C" NOT NULL,
  source    text COLLATE "C" NOT NULL,
  target    text COLLATE "C" NOT NULL,
  quad      smallint NOT NULL,
  root      text COLLATE "C" NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (country, role, source, target, quad, root)
);
CREATE TABLE rollup_place_root_months (
  quad    smallint NOT NULL,
  root    text COLLATE "C" NOT NULL,
  month   text COLLATE "C" NOT NULL,     -- YYYY-MM
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,     -- '' when unknown
  events  integer NOT NULL,
  PRIMARY KEY (quad, root, month, name, country)
);
CREATE TABLE rollup_place_root_days (
  quad    smallint NOT NULL,
  root    text COLLATE "C" NOT NULL,
  day     text COLLATE "C" NOT NULL,
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,
  events  integer NOT NULL,
  PRIMARY KEY (quad, root, day, name, country)
);
CREATE TABLE rollup_country_place_months (
  country       text COLLATE "C" NOT NULL,
  role          text COLLATE "C" NOT NULL,
  month         text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL,
  place_country text COLLATE "C" NOT NULL,
  events        integer NOT NULL,
  PRIMARY KEY (country, role, month, name, place_country)
);
CREATE TABLE rollup_country_place_days (
  country       text COLLATE "C" NOT NULL,
  role          text COLLATE "C" NOT NULL,
  day           text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL,
  place_country text COLLATE "C" NOT NULL,
  events        integer NOT NULL,
  PRIMARY KEY (country, role, day, name, place_country)
);

CREATE TEMPORARY TABLE rollup_facts ON COMMIT DROP AS
  SELECT source_country AS sc, target_country AS tc,
    CASE WHEN e.source_id <> '' THEN e.source_id ELSE e.source_key END AS s,
    CASE WHEN e.target_id <> '' THEN e.target_id ELSE e.target_key END AS t,
    quad, root, count(*) AS n, sum(goldstein) AS g, min(nullif(day, '')) AS first, max(nullif(day, '')) AS last
  FROM events e GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO rollup_country_pairs SELECT c, r, s, t, quad, root, sum(n), sum(g) FROM (
    SELECT sc AS c, 's' AS r, s, t, quad, root, n, g FROM rollup_facts WHERE sc <> ''
    UNION ALL SELECT tc, 't', s, t, quad, root, n, g FROM rollup_facts WHERE tc <> ''
    UNION ALL SELECT sc, 'e', s, t, quad, root, n, g FROM rollup_facts WHERE sc <> ''
    UNION ALL SELECT tc, 'e', s, t, quad, root, n, g FROM rollup_facts WHERE tc <> '' AND tc <> sc) sides
  GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO rollup_country_nodes SELECT c, r, quad, root, k, sum(n), min(first), max(last) FROM (
    SELECT c, r, quad, root, s AS k, n, first, last FROM (
      SELECT sc AS c, 's' AS r, quad, root, s, n, first, last FROM rollup_facts WHERE sc <> ''
      UNION ALL SELECT tc, 't', quad, root, s, n, first, last FROM rollup_facts WHERE tc <> ''
      UNION ALL SELECT sc, 'e', quad, root, s, n, first, last FROM rollup_facts WHERE sc <> ''
      UNION ALL SELECT tc, 'e', quad, root, s, n, first, last FROM rollup_facts WHERE tc <> '' AND tc <> sc) a
    UNION ALL
    SELECT c, r, quad, root, t, n, first, last FROM (
      SELECT sc AS c, 's' AS r, quad, root, t, n, first, last FROM rollup_facts WHERE sc <> '' AND t <> s
      UNION ALL SELECT tc, 't', quad, root, t, n, first, last FROM rollup_facts WHERE tc <> '' AND t <> s
      UNION ALL SELECT sc, 'e', quad, root, t, n, first, last FROM rollup_facts WHERE sc <> '' AND t <> s
      UNION ALL SELECT tc, 'e', quad, root, t, n, first, last FROM rollup_facts WHERE tc <> '' AND tc <> sc AND t <> s) b) keys
  WHERE k <> '|||' GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_place_root_days SELECT quad, root, day, coalesce(place_name, ''), coalesce(place_country, ''), count(*)
  FROM events WHERE place IS NOT NULL AND day <> '' GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_place_root_months SELECT quad, root, substr(day, 1, 7), name, country, sum(events)
  FROM rollup_place_root_days GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_country_place_days SELECT c, r, day, n, pc, count(*) FROM (
    SELECT source_country AS c, 's' AS r, day, coalesce(place_name, '') AS n, coalesce(place_country, '') AS pc
      FROM events WHERE source_country <> '' AND place IS NOT NULL AND day <> ''
    UNION ALL SELECT target_country, 't', day, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE target_country <> '' AND place IS NOT NULL AND day <> ''
    UNION ALL SELECT source_country, 'e', day, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE source_country <> '' AND place IS NOT NULL AND day <> ''
    UNION ALL SELECT target_country, 'e', day, coalesce(place_name, ''), coalesce(place_country, '')
      FROM events WHERE target_country <> '' AND target_country <> source_country AND place IS NOT NULL AND day <> '') sides
  GROUP BY 1, 2, 3, 4, 5;
INSERT INTO rollup_country_place_months SELECT country, role, substr(day, 1, 7), name, place_country, sum(events)
  FROM rollup_country_place_days GROUP BY 1, 2, 3, 4, 5;
