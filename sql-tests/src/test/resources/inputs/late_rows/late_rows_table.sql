-- SET lateRowsSink routes the rows a windowed aggregation drops as late to a table of that name,
-- with the columns the aggregation reads (its window and keys, and its arguments), instead of
-- losing them. A row with a NULL time is in no window and is not late; a row behind the watermark
-- whose window is still open is on time. A query that cannot drop late rows refuses the setting.
CREATE STREAM readings (sensor VARCHAR, v BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (connector = 'memory');
CREATE SINK totals WITH (connector = 'memory');
SET lateRowsSink = 'late_readings';
INSERT INTO totals
SELECT window_start, window_end, sensor, SUM(v) AS total
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, sensor;

INSERT INTO readings VALUES ('a', 1, TIMESTAMP '2026-01-01 00:00:01'), ('b', 2, TIMESTAMP '2026-01-01 00:00:04');
RUN BATCH;
-- Watermark 00:00:11 after this batch.
INSERT INTO readings VALUES ('a', 3, TIMESTAMP '2026-01-01 00:00:13');
RUN BATCH;
-- No new rows: this batch closes [00:00:00, 00:00:10).
RUN BATCH;
-- 00:00:09.999 is late; the NULL time is dropped without being late; 00:00:10 is on time.
INSERT INTO readings VALUES
  ('a', 4, TIMESTAMP '2026-01-01 00:00:09.999'),
  ('b', 5, NULL),
  ('b', 6, TIMESTAMP '2026-01-01 00:00:10');
RUN BATCH;
-- Two more late rows, then a row that moves the watermark to 00:00:23.
INSERT INTO readings VALUES
  ('a', 7, TIMESTAMP '2026-01-01 00:00:05'),
  ('c', 8, TIMESTAMP '2026-01-01 00:00:02'),
  ('c', 9, TIMESTAMP '2026-01-01 00:00:25');
RUN UNTIL IDLE;
SHOW OUTPUT totals;
SELECT * FROM late_readings;
SELECT sensor, COUNT(*) AS late_rows, SUM(v) AS late_total FROM late_readings GROUP BY sensor;

-- A projection drops no late rows: there is nothing to route.
CREATE SINK copied WITH (connector = 'memory');
INSERT INTO copied SELECT sensor, ts FROM readings;
RESET lateRowsSink;
INSERT INTO copied SELECT sensor, ts FROM readings;
