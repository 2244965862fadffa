-- A 5-second tumbling count feeding a 15-second TUMBLE over the inner window's start. The inner
-- aggregation emits each 5-second window once, when the watermark (largest time minus 1 second)
-- closes it. The re-windowed column carries no watermark, so the outer aggregation never closes
-- its windows: it runs in update mode, adds each inner window as it arrives (none is late for
-- it) and keeps its groups; append mode is refused.
CREATE STREAM clicks (user_id BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE VIEW per_5s AS
SELECT window_start AS slot, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
CREATE SINK per_15s WITH (connector = 'memory');
INSERT INTO per_15s
SELECT window_start, window_end, SUM(n) AS clicks, COUNT(*) AS busy_slots
FROM TABLE(TUMBLE(TABLE per_5s, DESCRIPTOR(slot), INTERVAL '15' SECOND))
GROUP BY window_start, window_end;

-- Inner windows [00:00:00, 00:00:05): 2 clicks, [00:00:05, 00:00:10): 1. Watermark 00:00:04.
INSERT INTO clicks VALUES
  (1, TIMESTAMP '2026-01-01 00:00:00'),
  (2, TIMESTAMP '2026-01-01 00:00:04.999'),
  (1, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
-- Watermark 00:00:13.999 after this batch.
INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:14.999');
RUN BATCH;
-- No new rows: the inner windows ending at 00:00:05 and 00:00:10 close and reach [00:00:00,
-- 00:00:15): 3 clicks in 2 slots.
RUN BATCH;
-- Watermark 00:00:30: [00:00:10, 00:00:15) closes too: 4 clicks in 3 slots.
INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:31');
RUN UNTIL IDLE;
-- Late at the inner aggregation: dropped there.
INSERT INTO clicks VALUES (2, TIMESTAMP '2026-01-01 00:00:02');
RUN UNTIL IDLE;
SHOW OUTPUT per_15s;
-- The inner aggregation keeps the open [00:00:30, 00:00:35); the outer one keeps its group.
DESCRIBE QUERY per_15s;

SET outputMode = 'append';
CREATE SINK per_15s_final WITH (connector = 'memory');
INSERT INTO per_15s_final
SELECT window_start, window_end, SUM(n) AS clicks
FROM TABLE(TUMBLE(TABLE per_5s, DESCRIPTOR(slot), INTERVAL '15' SECOND))
GROUP BY window_start, window_end;
