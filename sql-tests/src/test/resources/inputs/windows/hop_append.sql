-- A sliding (HOP) window aggregation in append mode: 10-second windows every 5 seconds, so a row
-- is in two windows. Each window is emitted once, when the watermark (largest time minus 1
-- second) reaches its end. A row is late only when all its windows have closed; one with an
-- open window left counts there.
CREATE STREAM bids (auction BIGINT, price BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE SINK hopping WITH (connector = 'memory');
INSERT INTO hopping
SELECT window_start, window_end, auction, COUNT(*) AS bids, MAX(price) AS top
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, auction;

-- 00:00:05 is on a slide boundary: it is in [00:00:00, 00:00:10) and [00:00:05, 00:00:15), not in
-- [23:59:55, 00:00:05). Watermark after this batch: 00:00:04.
INSERT INTO bids VALUES
  (1, 10, TIMESTAMP '2026-01-01 00:00:01'),
  (2, 20, TIMESTAMP '2026-01-01 00:00:05'),
  (1, 30, TIMESTAMP '2026-01-01 00:00:04.999');
RUN BATCH;
-- Watermark after this batch: 00:00:05, which closes [23:59:55, 00:00:05) in the next batch.
INSERT INTO bids VALUES (1, 40, TIMESTAMP '2026-01-01 00:00:06');
RUN BATCH;
-- The next batch (with this row) closes [23:59:55, 00:00:05); the row moves the watermark to
-- 00:00:15, and a batch without new data closes [00:00:00, 00:00:10) and [00:00:05, 00:00:15).
INSERT INTO bids VALUES (2, 50, TIMESTAMP '2026-01-01 00:00:16');
RUN UNTIL IDLE;
SHOW OUTPUT hopping;
-- 00:00:09: both its windows are closed, so it is late and dropped. 00:00:12: [00:00:05, 00:00:15)
-- is closed but [00:00:10, 00:00:20) is open, so it counts there and is not late.
INSERT INTO bids VALUES (3, 60, TIMESTAMP '2026-01-01 00:00:09'), (3, 70, TIMESTAMP '2026-01-01 00:00:12');
RUN BATCH;
-- Watermark 00:00:29: [00:00:10, 00:00:20) and [00:00:15, 00:00:25) close; [00:00:20, 00:00:30)
-- has no rows, so there is nothing to emit for it.
INSERT INTO bids VALUES (1, 80, TIMESTAMP '2026-01-01 00:00:30');
RUN UNTIL IDLE;
SHOW OUTPUT hopping;
-- Left in state: the two open windows of 00:00:30.
DESCRIBE QUERY hopping;
