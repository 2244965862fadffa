-- Chained windowed aggregations in update mode: clicks per user per 10-second window, then per
-- window the number of users and the largest count. The outer aggregation updates its group in
-- the batch in which the inner windows close, and evicts it a batch later without a row; late rows
-- are dropped where they enter the chain, at the inner aggregation.
CREATE STREAM clicks (user_id BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE SINK activity WITH (connector = 'memory');
SET outputMode = 'update';
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
-- Watermark 00:00:11 after this batch.
INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:12');
RUN BATCH;
-- No new rows: the inner aggregation closes [00:00:00, 00:00:10) and the outer group of
-- 00:00:10 is updated in the same batch: 2 users, at most 2 clicks.
RUN BATCH;
-- The outer group closes one batch later (by the previous batch's watermark): no row in update
-- mode. Then there is nothing left to run.
RUN BATCH;
RUN BATCH;
-- 00:00:03 and 00:00:09: late at the inner aggregation. 00:00:15: on time.
INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:03'),
  (4, TIMESTAMP '2026-01-01 00:00:09'),
  (3, TIMESTAMP '2026-01-01 00:00:15');
RUN BATCH;
INSERT INTO clicks VALUES (5, TIMESTAMP '2026-01-01 00:00:25');
RUN UNTIL IDLE;
SHOW OUTPUT activity;
DESCRIBE QUERY activity;
