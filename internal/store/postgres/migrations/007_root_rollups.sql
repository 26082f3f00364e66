-- The rollups per QuadClass, root and actor (with its first and last
-- day), and per dyad, QuadClass and root, which a graph of a QuadClass or
-- root without dates reads (at most the actors, then the top actors'
-- pairs by key). Filled from the rollup per day and dyad.
CREATE TABLE rollup_node_roots (
  quad   smallint NOT NULL,
  root   text COLLATE "C" NOT NULL,
  key    text COLLATE "C" NOT NULL,      -- store.SideKey
  events integer NOT NULL,
  first  text COLLATE "C",
  last   text COLLATE "C",
  PRIMARY KEY (quad, root, key)
);
CREATE TABLE rollup_pair_roots (
  source    text COLLATE "C" NOT NULL,
  target    text COLLATE "C" NOT NULL,
  quad      smallint NOT NULL,
  root      text COLLATE "C" NOT NULL,
  events    integer NOT NULL,
  goldstein double precision NOT NULL,
  PRIMARY KEY (source, target, quad, root)
);

INSERT INTO rollup_node_roots SELECT quad, root, k, sum(n), min(nullif(day, '')), max(nullif(day, '')) FROM (
    SELECT source AS k, quad, root, day, events AS n FROM rollup_dyads
    UNION ALL
    SELECT target, quad, root, day, events FROM rollup_dyads WHERE target <> source) sides
  WHERE k <> '|||' GROUP BY 1, 2, 3;
INSERT INTO rollup_pair_roots SELECT source, target, quad, root, sum(events), sum(goldstein)
  FROM rollup_dyads GROUP BY 1, 2, 3, 4;
