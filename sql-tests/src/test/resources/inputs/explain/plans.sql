-- EXPLAIN LOGICAL prints the validated plan; EXPLAIN PHYSICAL (the default) adds the optimized
-- plan, the physical operators with their specs and the state section. Pinned for a projection, a
-- filter, a grouped aggregation with HAVING and a tumbling-window aggregation, and for queries
-- that cannot be explained because they cannot be planned.
CREATE STREAM clicks (user_id BIGINT, url VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE TABLE pages (url VARCHAR, title VARCHAR) AS VALUES ('/home', 'Home'), ('/cart', 'Cart');

EXPLAIN LOGICAL SELECT user_id, UPPER(url) AS page FROM clicks;
EXPLAIN PHYSICAL SELECT user_id, UPPER(url) AS page FROM clicks;
-- The filter and the projection become one Calc.
EXPLAIN LOGICAL SELECT user_id FROM clicks WHERE url LIKE '/cart%' AND user_id > 10;
EXPLAIN SELECT user_id FROM clicks WHERE url LIKE '/cart%' AND user_id > 10;
-- A static query has no watermark and no state.
EXPLAIN PHYSICAL SELECT title FROM pages WHERE url = '/home';

-- Each partition aggregates its rows partially, the exchange brings a key's partial rows together,
-- HAVING filters the aggregated rows.
EXPLAIN LOGICAL SELECT url, COUNT(*) AS n, MAX(ts) AS last_seen FROM clicks GROUP BY url HAVING COUNT(*) > 1;
EXPLAIN PHYSICAL SELECT url, COUNT(*) AS n, MAX(ts) AS last_seen FROM clicks GROUP BY url HAVING COUNT(*) > 1;

-- Grouped by window_end over the watermarked column: late rows are filtered before the partial
-- aggregation, and the watermark bounds the state.
EXPLAIN LOGICAL SELECT window_start, window_end, user_id, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;
EXPLAIN PHYSICAL SELECT window_start, window_end, user_id, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;

EXPLAIN SELECT nope FROM clicks;
-- LOGICAL only validates the query: one the physical planner refuses still has a logical plan.
EXPLAIN LOGICAL SELECT * FROM clicks ORDER BY ts;
EXPLAIN PHYSICAL SELECT * FROM clicks ORDER BY ts;
EXPLAIN SELECT url, COUNT(*) AS n FROM clicks GROUP BY url EMIT ON WINDOW CLOSE;
EXPLAIN SELEC 1;
EXPLAIN CREATE STREAM x (a INT) WITH (connector = 'memory');
