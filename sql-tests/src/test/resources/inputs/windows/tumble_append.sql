-- A tumbling-window count in append mode, stepped batch by batch: a window is emitted once, when
-- the watermark (largest event time minus 1 second) passes its end; a row behind the watermark
-- is dropped.
CREATE STREAM clicks (
  user_id BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'memory');
CREATE SINK per_window WITH (connector = 'memory');

INSERT INTO per_window
SELECT window_start, window_end, user_id, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, user_id;

INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:01'),
  (1, TIMESTAMP '2026-01-01 00:00:09'),
  (2, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
SHOW OUTPUT per_window;

-- 00:00:12 moves the watermark to 00:00:11: the first window closes in the next batch.
INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:12');
RUN UNTIL IDLE;
SHOW OUTPUT per_window;

-- Behind the watermark: dropped, counted in the query's progress.
INSERT INTO clicks VALUES (2, TIMESTAMP '2026-01-01 00:00:03');
RUN UNTIL IDLE;
SHOW OUTPUT per_window;
SHOW QUERIES;
STOP QUERY per_window;
RUN BATCH per_window;
SHOW QUERIES;
