-- Aggregates over NULLs: COUNT(*) counts rows, COUNT(x) non-NULL values, SUM/MIN/MAX/AVG ignore
-- NULLs and are NULL for a group with none; NULL keys form their own group. DISTINCT aggregates
-- count each value once, across batches too. Result types: COUNT and SUM of integers BIGINT, AVG
-- of integers DOUBLE, SUM of DECIMAL(p, s) DECIMAL(p + 10, s), AVG DECIMAL(p + 4, s + 4).
CREATE STREAM readings (sensor VARCHAR, v INT, m DECIMAL(5, 2)) WITH (connector = 'memory');
INSERT INTO readings VALUES
  ('a', 1, 1.10), ('a', NULL, NULL), ('a', 3, 2.20), ('a', 3, 2.25),
  ('b', NULL, NULL), (NULL, 7, 3.30);

SELECT sensor, COUNT(*) AS all_rows, COUNT(v) AS with_v, SUM(v) AS s, MIN(v) AS lo, MAX(v) AS hi,
       AVG(v) AS mean
FROM readings GROUP BY sensor;
SELECT sensor, SUM(m) AS sm, AVG(m) AS am, MIN(m) AS mm, MAX(m) AS xm FROM readings GROUP BY sensor;
SELECT COUNT(DISTINCT v) AS dv, SUM(DISTINCT v) AS sdv, AVG(DISTINCT v) AS adv,
       COUNT(DISTINCT sensor) AS ds, COUNT(*) AS n, APPROX_COUNT_DISTINCT(v) AS approx
FROM readings;
SELECT MIN(sensor) AS first_sensor, MAX(sensor) AS last_sensor FROM readings;

-- COUNT(DISTINCT) remembers the values of earlier batches: 3 again does not count twice.
CREATE SINK distinct_per_sensor WITH (connector = 'memory');
INSERT INTO distinct_per_sensor
SELECT sensor, COUNT(DISTINCT v) AS values_seen, COUNT(*) AS n FROM readings GROUP BY sensor;
RUN BATCH;
INSERT INTO readings VALUES ('a', 3, 0), ('a', 4, 0), ('b', NULL, 0), ('b', 5, 0);
RUN BATCH;
SHOW OUTPUT distinct_per_sensor;

-- Refused: an aggregate function Sluice does not have, a column neither grouped nor aggregated,
-- nested aggregates, GROUPING SETS.
SELECT sensor, STDDEV(v) FROM readings GROUP BY sensor;
SELECT sensor, v FROM readings GROUP BY sensor;
SELECT sensor, COUNT(*) FROM readings;
SELECT MAX(COUNT(*)) FROM readings GROUP BY sensor;
SELECT sensor, COUNT(*) FROM readings GROUP BY GROUPING SETS ((sensor), ());
