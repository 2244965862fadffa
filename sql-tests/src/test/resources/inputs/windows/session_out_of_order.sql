-- Session windows per user (gap 10 seconds) with rows arriving out of order: a late-arriving row
-- between two sessions merges them into one, and each session is emitted once, when the
-- watermark passes its end.
CREATE STREAM clicks (user_id BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND) WITH (connector = 'memory');
CREATE SINK sessions WITH (connector = 'memory');
INSERT INTO sessions
SELECT user_id, window_start, window_end, COUNT(*) AS clicks
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;

INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:00'),
  (1, TIMESTAMP '2026-01-01 00:00:15'),
  (2, TIMESTAMP '2026-01-01 00:00:03');
RUN BATCH;
-- 00:00:08 is within 10 s of both sessions of user 1: they become one.
INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:08');
RUN BATCH;
-- Far ahead: the watermark passes every session above.
INSERT INTO clicks VALUES (2, TIMESTAMP '2026-01-01 00:02:00');
RUN UNTIL IDLE;
SHOW OUTPUT sessions;
