-- Two chained windowed aggregations (Nexmark q5's shape): bids per auction per sliding window
-- (10 seconds every 5 seconds), then the largest count per window, in append mode. The inner
-- aggregation emits each window once, when the watermark (largest time minus 1 second) closes it;
-- the outer one closes its window by the watermark of the batch before, so the inner rows are never
-- late for it and each outer window comes out one batch after its inner windows.
CREATE STREAM bids (auction BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE SINK hottest WITH (connector = 'memory');
INSERT INTO hottest
SELECT window_start, window_end, MAX(n) AS top FROM (
  SELECT window_start, window_end, auction, COUNT(*) AS n
  FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
  GROUP BY window_start, window_end, auction)
GROUP BY window_start, window_end;

-- Watermark 00:00:06. Batch 1 (no new data) closes the inner [23:59:55, 00:00:05) (auction 1: 2
-- bids, auction 2: 1); batch 2 closes the outer one.
INSERT INTO bids VALUES
  (1, TIMESTAMP '2026-01-01 00:00:01'),
  (1, TIMESTAMP '2026-01-01 00:00:02'),
  (2, TIMESTAMP '2026-01-01 00:00:03'),
  (2, TIMESTAMP '2026-01-01 00:00:06'),
  (2, TIMESTAMP '2026-01-01 00:00:07');
RUN UNTIL IDLE;
-- Watermark 00:00:11 after this batch.
INSERT INTO bids VALUES (3, TIMESTAMP '2026-01-01 00:00:12'), (1, TIMESTAMP '2026-01-01 00:00:08');
RUN BATCH;
-- The inner aggregation closes [00:00:00, 00:00:10) (auction 1: 3 bids, auction 2: 3) and hands
-- them on; by this batch's watermark they would be late, but the outer aggregation still runs with
-- the previous one (00:00:06), so it takes them and closes nothing yet.
RUN BATCH;
SHOW OUTPUT hottest;
-- 00:00:04: both its windows are closed, late at the inner aggregation. 00:00:09:
-- [00:00:05, 00:00:15) is open, so it counts there. In this batch the outer aggregation closes
-- [00:00:00, 00:00:10).
INSERT INTO bids VALUES (1, TIMESTAMP '2026-01-01 00:00:04'), (1, TIMESTAMP '2026-01-01 00:00:09');
RUN UNTIL IDLE;
-- Watermark 00:00:29: the inner windows up to [00:00:15, 00:00:25) close, then the outer ones.
INSERT INTO bids VALUES (2, TIMESTAMP '2026-01-01 00:00:30');
RUN UNTIL IDLE;
SHOW OUTPUT hottest;
DESCRIBE QUERY hottest;
