-- An idle input releases the watermark as soon as the query's clock passes its timeout, even when
-- no input sends anything then: a batch runs without new rows and closes the windows the other
-- input's watermark has passed. When each input last sent is kept in the checkpoint, so a query
-- restarted in between releases it at the same moment (the restarted run of this file restarts
-- after the second RUN UNTIL IDLE).
CREATE STREAM door_a (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE STREAM door_b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE VIEW doors AS SELECT 'a' AS door, ts FROM door_a UNION ALL SELECT 'b' AS door, ts FROM door_b;
CREATE SINK counts WITH (connector = 'memory');
SET watermarkIdleTimeout = '30 seconds';
INSERT INTO counts
SELECT window_start, window_end, door, COUNT(*) AS entries
FROM TABLE(TUMBLE(TABLE doors, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, door;

-- Clock 00:00:00: both doors send; the watermark is the minimum, 00:00:03.
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:05');
INSERT INTO door_b VALUES (TIMESTAMP '2026-01-01 00:00:03');
RUN UNTIL IDLE;
-- Clock 00:00:20: only door a sends; door b has been quiet for 20 seconds and still holds the
-- watermark at 00:00:03.
ADVANCE CLOCK INTERVAL '20' SECOND;
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:25');
RUN UNTIL IDLE;
DESCRIBE QUERY counts;
-- Clock 00:00:31: nothing arrives, but door b has been quiet for 31 seconds. The watermark
-- becomes door a's, 00:00:25, and a batch without rows closes [00:00:00, 00:00:10) for both
-- doors; [00:00:20, 00:00:30) stays open.
ADVANCE CLOCK INTERVAL '11' SECOND;
RUN UNTIL IDLE;
DESCRIBE QUERY counts;
SHOW OUTPUT counts;
