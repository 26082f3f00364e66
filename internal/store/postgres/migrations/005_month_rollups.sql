-- Rollups per month (YYYY-MM) of dated events, by actor, by dyad and by
-- place, and per day by place, kept as the other rollups are: a graph or
-- a map over a date range reads the whole months of the range from them,
-- and the days of a month the range cuts from the rollup per day and
-- dyad or per day and place. And the rollup per day of each country's
-- events, which a series or a count of one country reads. Filled from
-- the rollup per day and dyad and from the events.
CREATE TABLE rollup_node_months (
  month  text COLLATE "C" NOT NULL,
  key    text COLLATE "C" NOT NULL,      -- store.SideKey
  events integer NOT NULL,
  first  text COLLATE "C",               -- its first and last day in the month
  last   text COLLATE "C",
  PRIMARY KEY (month, key)
);
CREATE TABLE rollup_pair_months (
  source    text COLLATE "C" NOT NULL,
  target    text COLLATE "C" NOT NULL,
  month     text COLLATE "C" NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (source, target, month)
);
CREATE TABLE rollup_place_days (
  day     text COLLATE "C" NOT NULL,
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,     -- '' when unknown
  events  integer NOT NULL,
  PRIMARY KEY (day, name, country)
);
CREATE TABLE rollup_countries (
  country   text COLLATE "C" NOT NULL,
  role      text COLLATE "C" NOT NULL,   -- s: as source, t: as target, e: either side (once an event)
  day       text COLLATE "C" NOT NULL,   -- '' for undated events
  root      text COLLATE "C" NOT NULL,
  quad      smallint NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (country, role, day, root, quad)
);
CREATE TABLE rollup_place_months (
  month   text COLLATE "C" NOT NULL,
  name    text COLLATE "C" NOT NULL,
  country text COLLATE "C" NOT NULL,
  events  integer NOT NULL,
  PRIMARY KEY (month, name, country)
);

INSERT INTO rollup_node_months SELECT left(day, 7), k, sum(n), min(day), max(day) FROM (
    SELECT source AS k, day, events AS n FROM rollup_dyads WHERE day <> ''
    UNION ALL
    SELECT target, day, events FROM rollup_dyads WHERE day <> '' AND target <> source) sides
  WHERE k <> '|||' GROUP BY 1, 2;
INSERT INTO rollup_pair_months SELECT source, target, left(day, 7), sum(events), sum(goldstein)
  FROM rollup_dyads WHERE day <> '' GROUP BY 1, 2, 3;
INSERT INTO rollup_place_days SELECT day, coalesce(place_name, ''), coalesce(place_country, ''), count(*)
  FROM events WHERE place IS NOT NULL AND day <> '' GROUP BY 1, 2, 3;
INSERT INTO rollup_place_months SELECT left(day, 7), name, country, sum(events)
  FROM rollup_place_days GROUP BY 1, 2, 3;
INSERT INTO rollup_countries SELECT c, r, day, root, quad, count(*), sum(goldstein) FROM (
    SELECT source_country AS c, 's' AS r, day, root, quad, goldstein FROM events WHERE source_country <> ''
    UNION ALL SELECT target_country, 't', day, root, quad, goldstein FROM events WHERE target_country <> ''
    UNION ALL SELECT source_country, 'e', day, root, quad, goldstein FROM events WHERE source_country <> ''
    UNION ALL SELECT target_country, 'e', day, root, quad, goldstein FROM events
      WHERE target_country <> '' AND target_country <> source_country) sides
  GROUP BY 1, 2, 3, 4, 5;

-- A graph over days reads the rollup per day and dyad from this index
-- alone (an index-only scan).
DROP INDEX rollup_dyads_day;
CREATE INDEX rollup_dyads_day ON rollup_dyads (day) INCLUDE (source, target, root, quad, events, goldstein);
