-- A tumbling-window aggregation over a watermarked column in update and in complete mode, fed the
-- same rows: update delivers the windows each batch changed and evicts closed ones silently;
-- complete re-emits every window every batch and evicts none. Rows exactly on a boundary belong to
-- the window that starts there; a late row is dropped in both modes.
CREATE STREAM readings (sensor VARCHAR, v BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (connector = 'memory');
CREATE SINK changed WITH (connector = 'memory');
CREATE SINK everything WITH (connector = 'memory');
SET outputMode = 'update';
INSERT INTO changed
SELECT window_start, window_end, sensor, COUNT(*) AS n, SUM(v) AS total
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, sensor;
SET outputMode = 'complete';
INSERT INTO everything
SELECT window_start, window_end, sensor, COUNT(*) AS n, SUM(v) AS total
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, sensor;

-- 00:00:00 and 00:00:09.999 are the first and last instants of [00:00:00, 00:00:10); 00:00:10 is
-- the first of the next window. Watermark after this batch: 00:00:08.
INSERT INTO readings VALUES
  ('a', 1, TIMESTAMP '2026-01-01 00:00:00'),
  ('a', 2, TIMESTAMP '2026-01-01 00:00:09.999'),
  ('b', 3, TIMESTAMP '2026-01-01 00:00:10');
RUN BATCH;
-- 00:00:05 is behind the watermark (00:00:08) but its window is open: it counts.
-- Watermark after this batch: 00:00:09.500, still short of 00:00:10.
INSERT INTO readings VALUES ('a', 4, TIMESTAMP '2026-01-01 00:00:05'), ('b', 5, TIMESTAMP '2026-01-01 00:00:11.500');
RUN BATCH;
-- Watermark 00:00:10: the batch after this one (no new data) closes [00:00:00, 00:00:10).
INSERT INTO readings VALUES ('a', 6, TIMESTAMP '2026-01-01 00:00:12');
RUN UNTIL IDLE;
-- Late: its window is closed. Dropped by both queries, complete mode included.
INSERT INTO readings VALUES ('a', 7, TIMESTAMP '2026-01-01 00:00:08');
RUN UNTIL IDLE;
SHOW OUTPUT changed;
SHOW OUTPUT everything;
-- Update mode evicted the closed window (2 groups left); complete mode keeps all 3.
DESCRIBE QUERY changed;
DESCRIBE QUERY everything;
