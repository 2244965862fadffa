-- CUMULATE windows (step 5 seconds, max size 15 seconds) in append mode: every window of a
-- period starts at the period's start and ends 1, 2 or 3 steps later; each is emitted once, when
-- the watermark reaches its end. The watermark has no delay (AS ts): it is the largest time seen.
CREATE STREAM views (page VARCHAR, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE SINK cumulative WITH (connector = 'memory');
INSERT INTO cumulative
SELECT window_start, window_end, page, COUNT(*) AS n
FROM TABLE(CUMULATE(TABLE views, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, page;

-- 00:00:05 is not in [00:00:00, 00:00:05), only in the two longer windows. Watermark 00:00:05: a
-- batch without new data closes [00:00:00, 00:00:05).
INSERT INTO views VALUES
  ('home', TIMESTAMP '2026-01-01 00:00:01'),
  ('cart', TIMESTAMP '2026-01-01 00:00:04'),
  ('home', TIMESTAMP '2026-01-01 00:00:05');
RUN UNTIL IDLE;
-- Watermark 00:00:14: [00:00:00, 00:00:10) closes; [00:00:00, 00:00:15) stays open.
INSERT INTO views VALUES ('home', TIMESTAMP '2026-01-01 00:00:09.999'), ('cart', TIMESTAMP '2026-01-01 00:00:14');
RUN UNTIL IDLE;
-- 00:00:15 starts the next period, [00:00:15, 00:00:20/25/30); the watermark 00:00:15 closes the
-- last window of the first period.
INSERT INTO views VALUES ('home', TIMESTAMP '2026-01-01 00:00:15');
RUN UNTIL IDLE;
-- 00:00:12 could only be in [00:00:00, 00:00:15), closed: late. 00:00:16 is on time.
INSERT INTO views VALUES ('home', TIMESTAMP '2026-01-01 00:00:12'), ('cart', TIMESTAMP '2026-01-01 00:00:16');
RUN BATCH;
-- Watermark 00:00:40 closes the whole second period.
INSERT INTO views VALUES ('home', TIMESTAMP '2026-01-01 00:00:40');
RUN UNTIL IDLE;
SHOW OUTPUT cumulative;
DESCRIBE QUERY cumulative;
