-- Session windows per user (TABLE t PARTITION BY key, gap 10 seconds, watermark delay 5 seconds),
-- in append mode and as a changelog: a row exactly one gap after a session starts a new one (split),
-- a row within the gap of two sessions merges them, a row behind the watermark that reaches an open
-- session joins it, a closed session is never reopened.
CREATE STREAM clicks (user_id BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'memory');
CREATE SINK sessions WITH (connector = 'memory');
CREATE SINK session_changes WITH (connector = 'memory');
INSERT INTO sessions
SELECT user_id, window_start, window_end, COUNT(*) AS clicks
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;
SET outputMode = 'changelog';
INSERT INTO session_changes
SELECT user_id, window_start, window_end, COUNT(*) AS clicks
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;

-- User 1: 00:00:10 is exactly one gap after 00:00:00, so [00:00:00, 00:00:10) and
-- [00:00:10, 00:00:20) are two sessions. Watermark after this batch: 00:00:05.
INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:00'),
  (1, TIMESTAMP '2026-01-01 00:00:10'),
  (2, TIMESTAMP '2026-01-01 00:00:02');
RUN BATCH;
-- User 1: 00:00:05 is within the gap of both sessions and merges them into [00:00:00, 00:00:20).
-- User 2: 00:00:08 extends [00:00:02, 00:00:12) to [00:00:02, 00:00:18).
INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:05'), (2, TIMESTAMP '2026-01-01 00:00:08');
RUN BATCH;
-- User 3: two sessions. Watermark 00:00:21 closes the sessions of users 1 and 2 in a batch without
-- new data.
INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:12'), (3, TIMESTAMP '2026-01-01 00:00:26');
RUN UNTIL IDLE;
-- User 1, 00:00:15: on time (00:00:25 is after the watermark) and less than a gap after the last
-- row of the closed session, which it cannot reopen: a new session. User 2, 00:00:05: its interval
-- ends before the watermark and it reaches no open session: late, dropped. User 3, 00:00:09:
-- behind the watermark too, but within the gap of the open [00:00:12, 00:00:22): it joins it.
INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:15'),
  (2, TIMESTAMP '2026-01-01 00:00:05'),
  (3, TIMESTAMP '2026-01-01 00:00:09');
RUN BATCH;
INSERT INTO clicks VALUES (4, TIMESTAMP '2026-01-01 00:01:00');
RUN UNTIL IDLE;
-- Each session once, when it closed; user 1's two emitted sessions overlap (closed sessions are
-- final).
SHOW OUTPUT sessions;
-- -D for the sessions a batch merged away or extended, +I for the ones replacing them; closed
-- sessions leave without a row.
SHOW OUTPUT session_changes;
