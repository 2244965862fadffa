-- When a row is late for a session window and for a sliding window, with the late rows routed to
-- a table per query. Session (gap 10 seconds): late when its own interval [t, t + gap) ended at or
-- before the watermark and it reaches none of its key's sessions stored at the start of the batch.
-- HOP (15-second windows every 5 seconds, computed by panes): late only when every window of the
-- row has closed. Both watermarks have no delay.
CREATE STREAM taps (user_id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE STREAM bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE SINK sessions WITH (connector = 'memory');
CREATE SINK hopping WITH (connector = 'memory');
SET lateRowsSink = 'late_taps';
INSERT INTO sessions
SELECT user_id, window_start, window_end, COUNT(*) AS taps
FROM TABLE(SESSION(TABLE taps PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;
SET lateRowsSink = 'late_bids';
INSERT INTO hopping
SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, auction;

-- Both watermarks become 00:00:30. Sessions: user 1 [00:00:00, 00:00:10), user 2
-- [00:00:30, 00:00:40), user 3 [00:00:25, 00:00:35).
INSERT INTO taps VALUES (1, TIMESTAMP '2026-01-01 00:00:00'), (2, TIMESTAMP '2026-01-01 00:00:30'), (3, TIMESTAMP '2026-01-01 00:00:25');
INSERT INTO bids VALUES (1, 10, TIMESTAMP '2026-01-01 00:00:01'), (2, 20, TIMESTAMP '2026-01-01 00:00:30');
RUN BATCH;
-- Batches without new data close user 1's session and the three windows of 00:00:01.
RUN BATCH;
RUN BATCH;
-- User 1, 00:00:15: [00:00:15, 00:00:25) ended and no session is open: late. User 2, 00:00:21: on
-- time, it joins [00:00:30, 00:00:40). User 2, 00:00:12: late, although it is within the gap of
-- the session 00:00:21 builds in this same batch. User 3, 00:00:18: behind the watermark, but it
-- reaches the open [00:00:25, 00:00:35) and joins it.
INSERT INTO taps VALUES
  (1, TIMESTAMP '2026-01-01 00:00:15'),
  (2, TIMESTAMP '2026-01-01 00:00:21'),
  (2, TIMESTAMP '2026-01-01 00:00:12'),
  (3, TIMESTAMP '2026-01-01 00:00:18');
-- 00:00:14 and 00:00:17: all three windows of each ended by 00:00:30, late. 00:00:20: two of its
-- windows ended, [00:00:20, 00:00:35) is open, so it counts there.
INSERT INTO bids VALUES
  (3, 30, TIMESTAMP '2026-01-01 00:00:14'),
  (3, 40, TIMESTAMP '2026-01-01 00:00:17'),
  (3, 50, TIMESTAMP '2026-01-01 00:00:20');
RUN BATCH;
-- Watermarks 00:01:00: everything above closes.
INSERT INTO taps VALUES (9, TIMESTAMP '2026-01-01 00:01:00');
INSERT INTO bids VALUES (9, 90, TIMESTAMP '2026-01-01 00:01:00');
RUN UNTIL IDLE;
SHOW OUTPUT sessions;
SHOW OUTPUT hopping;
-- A session's late rows have its partition keys and time.
SELECT * FROM late_taps;
-- Which bids were late.
SELECT auction, price FROM late_bids;
