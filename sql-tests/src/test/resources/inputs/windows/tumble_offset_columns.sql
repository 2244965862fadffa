-- TUMBLE with an offset: hourly windows starting at a quarter past, aligned to 1970-01-01 plus the
-- offset (only the offset modulo the size matters, so -45 minutes is the same). The window columns:
-- window_start inclusive, window_end exclusive, window_time = window_end - 1 ms. A NULL time is in
-- no window. Wrong window arguments are refused.
CREATE STREAM trips (id INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE) WITH (connector = 'memory');
INSERT INTO trips VALUES
  (1, TIMESTAMP '2026-01-01 00:14:59.999'),
  (2, TIMESTAMP '2026-01-01 00:15:00'),
  (3, NULL),
  (4, TIMESTAMP '2026-01-01 01:14:59.999');
SELECT id, ts, window_start, window_end, window_time
FROM TABLE(TUMBLE(TABLE trips, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '15' MINUTE));
SELECT id, window_start, window_end
FROM TABLE(TUMBLE(DATA => TABLE trips, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR, "OFFSET" => INTERVAL '-45' MINUTE));

CREATE SINK hourly WITH (connector = 'memory');
INSERT INTO hourly
SELECT window_start, window_end, window_time, COUNT(*) AS trips
FROM TABLE(TUMBLE(TABLE trips, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '15' MINUTE))
GROUP BY window_start, window_end, window_time;
-- The first batch reads the four rows and runs with no watermark yet; it leaves the watermark at
-- 01:13:59.999.
RUN BATCH;
-- No new rows, but the watermark moved: this batch closes [23:15, 00:15) of the day before.
RUN BATCH;
-- Nothing new and the watermark did not move: nothing to run.
RUN BATCH;
-- Watermark 01:15: [00:15, 01:15) closes, with rows 2 and 4.
INSERT INTO trips VALUES (5, TIMESTAMP '2026-01-01 01:16:00');
RUN UNTIL IDLE;
SHOW OUTPUT hourly;
DESCRIBE QUERY hourly;

SELECT COUNT(*) AS n FROM TABLE(TUMBLE(TABLE trips, DESCRIPTOR(ts), INTERVAL '1' MONTH)) GROUP BY window_start, window_end;
SELECT COUNT(*) AS n FROM TABLE(HOP(TABLE trips, DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' SECOND)) GROUP BY window_start, window_end;
SELECT COUNT(*) AS n FROM TABLE(TUMBLE(TABLE trips, DESCRIPTOR(id), INTERVAL '1' HOUR)) GROUP BY window_start, window_end;
