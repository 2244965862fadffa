-- A sliding (HOP) window count in update mode: each batch delivers the windows it changed; the
-- watermark closes windows and evicts their state. A row belongs to size / slide = 3 windows.
CREATE STREAM bids (auction BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (connector = 'memory');
CREATE SINK hot WITH (connector = 'memory');
SET outputMode = 'update';
INSERT INTO hot
SELECT window_start, window_end, auction, COUNT(*) AS bids
FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end, auction;

INSERT INTO bids VALUES (1, TIMESTAMP '2026-01-01 00:00:01'), (2, TIMESTAMP '2026-01-01 00:00:04');
RUN BATCH;
-- Exactly on a window boundary: 00:00:05 starts the windows [00:00:05, ...), not [..., 00:00:05).
INSERT INTO bids VALUES (1, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
INSERT INTO bids VALUES (1, TIMESTAMP '2026-01-01 00:00:20');
RUN UNTIL IDLE;
DESCRIBE QUERY hot;
SHOW OUTPUT hot;
