-- A chain of windowed aggregations (clicks per user per 10-second window, then per window the
-- number of users and the largest count) routes its late rows too: they are dropped where they
-- enter the chain, at the inner aggregation, and the late-rows table has that aggregation's
-- columns. The outer aggregation gets the inner one's results, which the per-operator watermark
-- keeps on time; EXPLAIN STATE says its late rows, if any, are only counted.
CREATE STREAM clicks (user_id BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE SINK activity WITH (connector = 'memory');
SET lateRowsSink = 'late_clicks';
EXPLAIN STATE
SELECT window_end, COUNT(*) AS users, MAX(n) AS most FROM (
  SELECT window_start, window_end, user_id, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, user_id)
GROUP BY window_end;
INSERT INTO activity
SELECT window_end, COUNT(*) AS users, MAX(n) AS most FROM (
  SELECT window_start, window_end, user_id, COUNT(*) AS n
  FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, user_id)
GROUP BY window_end;

INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:01'),
  (1, TIMESTAMP '2026-01-01 00:00:02'),
  (2, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
-- Watermark 00:00:11 after this batch; the next batch closes [00:00:00, 00:00:10).
INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:12');
RUN UNTIL IDLE;
-- 00:00:03 and 00:00:09 are late at the inner aggregation; 00:00:15 is on time.
INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:03'),
  (4, TIMESTAMP '2026-01-01 00:00:09'),
  (3, TIMESTAMP '2026-01-01 00:00:15');
RUN BATCH;
INSERT INTO clicks VALUES (5, TIMESTAMP '2026-01-01 00:00:25');
RUN UNTIL IDLE;
SHOW OUTPUT activity;
SELECT * FROM late_clicks;
