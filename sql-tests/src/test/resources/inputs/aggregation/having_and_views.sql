-- GROUP BY expressions, HAVING, and an aggregation over a view that filters and reshapes a stream.
-- In update mode a group that stops satisfying HAVING is not emitted again: its last row stands,
-- as in Spark (changelog mode would retract it, see output_modes.sql).
CREATE STREAM visits (user_name VARCHAR, page VARCHAR, ms INT, ts TIMESTAMP(3)) WITH (connector = 'memory');
CREATE VIEW slow_visits AS
  SELECT LOWER(user_name) AS who, page, ms / 1000 AS seconds, ts FROM visits WHERE ms >= 1000;

INSERT INTO visits VALUES
  ('Ann', '/home', 1500, TIMESTAMP '2026-01-01 10:00:05'),
  ('ann', '/cart', 300, TIMESTAMP '2026-01-01 10:00:40'),
  ('Bob', '/home', 2500, TIMESTAMP '2026-01-01 10:01:10'),
  ('bob', '/home', 1000, TIMESTAMP '2026-01-01 10:01:15'),
  ('cy', NULL, 4000, TIMESTAMP '2026-01-01 10:02:00');

-- Grouped by expressions: a minute, a length bucket; the key expression may be selected.
SELECT FLOOR(ts TO MINUTE) AS at_minute, COUNT(*) AS n, MAX(ms) AS slowest
FROM visits GROUP BY FLOOR(ts TO MINUTE);
SELECT CASE WHEN ms < 1000 THEN 'fast' WHEN ms < 3000 THEN 'slow' ELSE 'very slow' END AS speed,
       COUNT(*) AS n
FROM visits GROUP BY CASE WHEN ms < 1000 THEN 'fast' WHEN ms < 3000 THEN 'slow' ELSE 'very slow' END;
SELECT page IS NULL AS no_page, COUNT(*) AS n FROM visits GROUP BY page IS NULL;
-- The view lower-cases the names, so 'Bob' and 'bob' are one group.
SELECT who, COUNT(*) AS n, SUM(seconds) AS total_seconds FROM slow_visits GROUP BY who;
SELECT who, COUNT(*) AS n FROM slow_visits GROUP BY who HAVING COUNT(*) > 1;
SELECT COUNT(*) AS n, MIN(ts) AS first_at, MAX(ts) AS last_at FROM slow_visits WHERE page = '/home';

CREATE SINK busy WITH (connector = 'memory');
INSERT INTO busy
SELECT who, COUNT(*) AS n, AVG(seconds) AS avg_seconds FROM slow_visits GROUP BY who HAVING AVG(seconds) >= 2;
RUN BATCH;
-- Integer seconds: ann has 1, 2 and 5, average 8/3, and enters the result; cy's average rises to 5.
INSERT INTO visits VALUES ('ann', '/home', 2000, TIMESTAMP '2026-01-01 10:03:00'),
  ('ANN', '/home', 5000, TIMESTAMP '2026-01-01 10:03:30'), ('cy', '/home', 6000, TIMESTAMP '2026-01-01 10:04:00');
RUN BATCH;
-- ann's average falls to 11/6, below 2: nothing is emitted for her and her row of batch 1 stands.
-- bob's rises to 3 and he enters.
INSERT INTO visits VALUES ('ann', '/cart', 1000, TIMESTAMP '2026-01-01 10:05:00'),
  ('ann', '/cart', 1999, TIMESTAMP '2026-01-01 10:05:01'), ('ann', '/cart', 1000, TIMESTAMP '2026-01-01 10:05:02'),
  ('bob', '/cart', 6000, TIMESTAMP '2026-01-01 10:05:03');
RUN BATCH;
SHOW OUTPUT busy;
