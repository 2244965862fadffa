-- EMIT EVERY: early results of the windows a batch changed, then each window's final row again
-- when the watermark closes it. Scripts run on the manual trigger, so each RUN BATCH is one of
-- the periodic batches. And SET outputMode next to an EMIT clause: it must agree with it.
CREATE STREAM clicks (
  user_id BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'memory');
CREATE SINK early WITH (connector = 'memory');

INSERT INTO early
SELECT window_start, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end
EMIT EVERY INTERVAL '10' SECOND;

INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:01'), (2, TIMESTAMP '2026-01-01 00:00:03');
RUN BATCH;
-- An early row: the window is open, with 2 clicks so far.
SHOW OUTPUT early;

INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
-- Another early row, 3 clicks; the window [00:00:00, 00:00:10) is still open.
SHOW OUTPUT early;

-- 00:00:12 moves the watermark to 00:00:11; the next batch closes the first window and emits its
-- final row (3 clicks) once more.
INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:12');
RUN BATCH;
RUN BATCH;
SHOW OUTPUT early;
DESCRIBE QUERY early;

-- A mode set besides EMIT must agree with it.
CREATE SINK closed WITH (connector = 'memory');
SET outputMode = 'complete';
INSERT INTO closed
SELECT window_start, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end
EMIT ON WINDOW CLOSE;
-- EMIT CHANGES with changelog mode gives changelog rows.
SET outputMode = 'changelog';
INSERT INTO closed
SELECT window_start, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end
EMIT CHANGES;
RUN BATCH closed;
SHOW OUTPUT closed;
