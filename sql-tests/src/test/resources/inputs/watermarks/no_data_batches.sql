-- When a batch runs: RUN BATCH runs one when a source has new rows, or when the watermark moved
-- since the last batch (a batch without new data, which closes the windows due), and otherwise says
-- there is nothing to run. Rows with a NULL time and rows older than the watermark never move it,
-- and neither does processing time.
CREATE STREAM events (id INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '3' SECOND) WITH (connector = 'memory');
CREATE SINK per_5s WITH (connector = 'memory');
INSERT INTO per_5s
SELECT window_start, window_end, COUNT(*) AS n, MIN(id) AS first_id
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;

-- Watermark after this batch: 00:00:07; the NULL time neither moves nor breaks it.
INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 00:00:10'), (2, NULL);
RUN BATCH;
-- The watermark moved: a batch without new data runs (no window ends by 00:00:07).
RUN BATCH;
RUN BATCH;
-- Out of order: 00:00:02 is late ([00:00:00, 00:00:05) ended before the watermark), 00:00:06 is
-- behind the watermark but its window is open. Neither moves the watermark.
INSERT INTO events VALUES (3, TIMESTAMP '2026-01-01 00:00:02'), (4, TIMESTAMP '2026-01-01 00:00:06');
RUN BATCH;
RUN BATCH;
-- A NULL time alone: a batch for the new row, and no batch after it.
INSERT INTO events VALUES (5, CAST(NULL AS TIMESTAMP(3)));
RUN BATCH;
RUN BATCH;
DESCRIBE QUERY per_5s;
-- Watermark 00:00:10: the batch after this one closes [00:00:05, 00:00:10).
INSERT INTO events VALUES (6, TIMESTAMP '2026-01-01 00:00:13');
RUN BATCH;
RUN BATCH;
-- An hour of processing time moves no event-time watermark.
ADVANCE CLOCK INTERVAL '1' HOUR;
RUN BATCH;
SHOW OUTPUT per_5s;
DESCRIBE QUERY per_5s;
