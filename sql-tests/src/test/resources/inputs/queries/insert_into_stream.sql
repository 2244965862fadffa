-- INSERT INTO a memory stream from a query over another stream: a named query (named after the
-- stream) adds each batch's rows to it, cast to the stream's columns, and other queries read
-- the derived stream as they read any other. A stream only grows, so the query must emit each
-- row once (append mode).
CREATE STREAM clicks (
  user_id BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'memory');
CREATE STREAM per_window (
  closed_at TIMESTAMP(3),
  clicks BIGINT NOT NULL,
  WATERMARK FOR closed_at AS closed_at - INTERVAL '0' SECOND
) WITH (connector = 'memory');

-- Windows closed by the watermark, once each: append mode. The query's columns are matched to
-- the stream's by position.
INSERT INTO per_window
SELECT window_end, COUNT(*)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

-- A second query over the derived stream: the largest window count so far, per minute.
CREATE SINK busiest WITH (connector = 'memory');
INSERT INTO busiest
SELECT window_start, MAX(clicks) AS top
FROM TABLE(TUMBLE(TABLE per_window, DESCRIPTOR(closed_at), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
SHOW QUERIES;

INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:01'),
  (2, TIMESTAMP '2026-01-01 00:00:02'),
  (1, TIMESTAMP '2026-01-01 00:00:12');
RUN UNTIL IDLE;
SHOW OUTPUT per_window;

INSERT INTO clicks VALUES
  (3, TIMESTAMP '2026-01-01 00:00:15'),
  (3, TIMESTAMP '2026-01-01 00:00:16'),
  (4, TIMESTAMP '2026-01-01 00:01:05');
RUN UNTIL IDLE;
SHOW OUTPUT per_window;
-- busiest's watermark is the largest closed_at so far, 00:00:20: its minute is still open.
SHOW OUTPUT busiest;
-- 00:02:10 closes [00:01:00, 00:01:10) upstream, whose closed_at 00:01:10 closes the first minute.
INSERT INTO clicks VALUES (5, TIMESTAMP '2026-01-01 00:02:10');
RUN UNTIL IDLE;
SHOW OUTPUT busiest;

-- The derived stream is a stream like any other: a query on its own reads it from the start.
SELECT closed_at, clicks FROM per_window;

-- A GROUP BY without a window changes its rows: refused, saying what would work.
CREATE STREAM users (user_id BIGINT) WITH (connector = 'memory');
INSERT INTO users SELECT COUNT(*) FROM clicks GROUP BY user_id;
-- The columns must match the stream's.
INSERT INTO users SELECT user_id, ts FROM clicks;
-- A projection is fine; a restart resumes it from its checkpoint without adding a row twice.
INSERT INTO users SELECT user_id FROM clicks WHERE user_id > 2;
RUN UNTIL IDLE;
SELECT user_id FROM users;
-- One query feeds a stream.
INSERT INTO per_window SELECT ts, user_id FROM clicks;
-- A fed stream cannot be dropped while its query runs.
DROP STREAM per_window;
STOP QUERY per_window;
DROP STREAM per_window;
SHOW QUERIES;
