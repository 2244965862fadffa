-- EMIT on one session-window query: EMIT CHANGES delivers each session as a batch builds or
-- changes it (update mode: a merge gives the merged session, the sessions it replaced are not
-- retracted); EMIT ON WINDOW CLOSE delivers each session once, final, when the watermark passes
-- its end. EMIT ON WINDOW CLOSE is refused when nothing can close the windows.
CREATE STREAM taps (device VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (connector = 'memory');
CREATE SINK live WITH (connector = 'memory');
CREATE SINK final WITH (connector = 'memory');
INSERT INTO live
SELECT device, window_start, window_end, COUNT(*) AS taps
FROM TABLE(SESSION(TABLE taps PARTITION BY device, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY device, window_start, window_end EMIT CHANGES;
INSERT INTO final
SELECT device, window_start, window_end, COUNT(*) AS taps
FROM TABLE(SESSION(TABLE taps PARTITION BY device, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY device, window_start, window_end EMIT ON WINDOW CLOSE;

-- Device x: two sessions, [00:00:00, 00:00:05) and [00:00:07, 00:00:12). Watermark 00:00:05.
INSERT INTO taps VALUES
  ('x', TIMESTAMP '2026-01-01 00:00:00'),
  ('x', TIMESTAMP '2026-01-01 00:00:07'),
  ('y', TIMESTAMP '2026-01-01 00:00:01');
RUN BATCH;
-- 00:00:03 is within the gap of both sessions of x: one session [00:00:00, 00:00:12) of 3 taps.
INSERT INTO taps VALUES ('x', TIMESTAMP '2026-01-01 00:00:03');
RUN BATCH;
-- Watermark 00:00:18 closes both sessions of x and y in a batch without new data.
INSERT INTO taps VALUES ('y', TIMESTAMP '2026-01-01 00:00:20');
RUN UNTIL IDLE;
SHOW OUTPUT live;
SHOW OUTPUT final;

CREATE STREAM untimed (device VARCHAR, ts TIMESTAMP(3)) WITH (connector = 'memory');
-- No watermark on ts: no window ever closes.
SELECT device, COUNT(*) AS taps
FROM TABLE(TUMBLE(TABLE untimed, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY device, window_start, window_end EMIT ON WINDOW CLOSE;
-- window_end is not a key: the groups are not windows the watermark closes.
SELECT device, window_start, COUNT(*) AS taps
FROM TABLE(TUMBLE(TABLE taps, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY device, window_start EMIT ON WINDOW CLOSE;
