-- EXPLAIN STATE: for each stateful operator, what its state holds, what bounds it (the watermark,
-- a state TTL, or nothing), what happens to late rows, and what it emits in the session's output
-- mode. The explanation follows the settings an INSERT INTO would run with.
CREATE STREAM clicks (
  user_id BIGINT,
  url VARCHAR,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'memory');

-- A projection keeps no state.
EXPLAIN STATE SELECT url FROM clicks WHERE user_id > 1;

-- A tumbling window: bounded by the watermark, emitted once in append mode. COUNT(DISTINCT)
-- keeps every distinct value of its column per group.
EXPLAIN STATE
SELECT window_start, window_end, user_id, COUNT(*) AS clicks, COUNT(DISTINCT url) AS urls
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;

-- A sliding window is computed from panes.
EXPLAIN STATE
SELECT window_start, window_end, MAX(url) AS last_url
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

-- A GROUP BY without a window is bounded by nothing, and says what would bound it...
EXPLAIN STATE SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;

-- ... a state TTL does.
SET stateTtl = '1 hour';
EXPLAIN STATE SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;

-- In changelog mode the aggregation emits +I/-U/+U/-D rows.
SET outputMode = 'changelog';
EXPLAIN STATE SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id HAVING COUNT(*) > 1;
RESET outputMode;
RESET stateTtl;

-- In complete mode every group is re-emitted every batch: nothing is removed, windows or not.
SET outputMode = 'complete';
EXPLAIN STATE
SELECT window_start, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
RESET outputMode;

-- Session windows per user; late rows routed to a sink.
SET lateRowsSink = 'late';
EXPLAIN STATE
SELECT user_id, window_start, window_end, COUNT(*) AS c
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '30' SECOND))
GROUP BY user_id, window_start, window_end;
RESET lateRowsSink;

-- Chained window aggregations: the first emits each window once, to the second, which closes
-- its windows by the watermark of one batch back.
EXPLAIN STATE
SELECT window_start, window_end, MAX(c) AS top
FROM (
  SELECT window_start, window_end, user_id, COUNT(*) AS c
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, user_id)
GROUP BY window_start, window_end;

-- EMIT EVERY: updates while the window is open, then its final row.
EXPLAIN STATE
SELECT window_start, COUNT(*) AS c
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end
EMIT EVERY INTERVAL '1' SECOND;

-- The mode is checked as INSERT INTO would: append of an unbounded aggregation is refused.
SET outputMode = 'append';
EXPLAIN STATE SELECT user_id, COUNT(*) AS n FROM clicks GROUP BY user_id;
RESET outputMode;

-- A query over static rows runs once and keeps nothing.
EXPLAIN STATE SELECT COUNT(*) AS n FROM (VALUES (1), (2)) AS t (x);

-- EXPLAIN (PHYSICAL) prints the plans, then the same state section.
EXPLAIN
SELECT user_id, COUNT(*) AS n FROM clicks WHERE url <> 'x' GROUP BY user_id;
