-- Two watermarked inputs with different delays (fast: 1 second, slow: 5 seconds) under one
-- UNION ALL: the query's watermark is the minimum of theirs by default, so the slow input's rows
-- are never late; with watermarkPolicy = 'max' windows close sooner and rows of the slow input can
-- be late. Each input's watermark is its own largest event time minus its delay.
CREATE STREAM fast (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE STREAM slow (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'memory');
CREATE VIEW both_inputs AS SELECT 'fast' AS src, ts FROM fast UNION ALL SELECT 'slow' AS src, ts FROM slow;
CREATE SINK by_min WITH (connector = 'memory');
CREATE SINK by_max WITH (connector = 'memory');
INSERT INTO by_min
SELECT window_start, window_end, src, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE both_inputs, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, src;
SET watermarkPolicy = 'max';
INSERT INTO by_max
SELECT window_start, window_end, src, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE both_inputs, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, src;

-- fast 00:00:01, slow 23:59:59 of the day before.
INSERT INTO fast VALUES (TIMESTAMP '2026-01-01 00:00:02');
INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:04');
RUN UNTIL IDLE;
-- fast 00:00:11, slow still 23:59:59: by_max closes [00:00:00, 00:00:10), by_min does not.
INSERT INTO fast VALUES (TIMESTAMP '2026-01-01 00:00:12');
RUN UNTIL IDLE;
DESCRIBE QUERY by_min;
DESCRIBE QUERY by_max;
-- For by_min this slow row is on time (slow moves to 00:00:03, the minimum with it); for by_max its
-- window is closed: late, dropped.
INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:08');
RUN UNTIL IDLE;
-- slow 00:00:11: the minimum reaches 00:00:11 and by_min closes [00:00:00, 00:00:10) too.
INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:16');
RUN UNTIL IDLE;
-- fast 00:00:24, slow 00:00:25: both close [00:00:10, 00:00:20).
INSERT INTO fast VALUES (TIMESTAMP '2026-01-01 00:00:25');
INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:30');
RUN UNTIL IDLE;
SHOW OUTPUT by_min;
SHOW OUTPUT by_max;
