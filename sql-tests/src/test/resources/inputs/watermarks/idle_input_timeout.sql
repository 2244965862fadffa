-- An input that stops sending holds the minimum watermark back for ever; with
-- watermarkIdleTimeout an input without events for that long (on the query's clock, which ADVANCE
-- CLOCK moves) is left out until it sends again, so the other input's watermark closes windows.
-- The price: a row the idle input sends later for a window closed meanwhile is late.
CREATE STREAM door_a (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE STREAM door_b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE VIEW doors AS SELECT 'a' AS door, ts FROM door_a UNION ALL SELECT 'b' AS door, ts FROM door_b;
CREATE SINK held WITH (connector = 'memory');
CREATE SINK released WITH (connector = 'memory');
INSERT INTO held
SELECT window_start, window_end, door, COUNT(*) AS entries
FROM TABLE(TUMBLE(TABLE doors, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, door;
SET watermarkIdleTimeout = '30 seconds';
INSERT INTO released
SELECT window_start, window_end, door, COUNT(*) AS entries
FROM TABLE(TUMBLE(TABLE doors, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, door;

-- Clock 00:00:00: both doors send; the watermark is the minimum, 00:00:03.
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:05');
INSERT INTO door_b VALUES (TIMESTAMP '2026-01-01 00:00:03');
RUN UNTIL IDLE;
-- Clock 00:00:20: only door a sends; door b has been quiet for 20 seconds.
ADVANCE CLOCK INTERVAL '20' SECOND;
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:15');
RUN UNTIL IDLE;
-- Clock 00:00:35: door b has been quiet for 35 seconds. For released it no longer counts: the
-- watermark is door a's, 00:00:25, and [00:00:00, 00:00:10) and [00:00:10, 00:00:20) close. held
-- stays at 00:00:03.
ADVANCE CLOCK INTERVAL '15' SECOND;
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:25');
RUN UNTIL IDLE;
DESCRIBE QUERY released;
-- Door b is back. 00:00:08: on time for held, late for released (its window closed while b was
-- left out). 00:00:22: on time for both. held's watermark moves to 00:00:22 and closes the first
-- two windows; released's does not move back.
INSERT INTO door_b VALUES (TIMESTAMP '2026-01-01 00:00:08'), (TIMESTAMP '2026-01-01 00:00:22');
RUN UNTIL IDLE;
INSERT INTO door_a VALUES (TIMESTAMP '2026-01-01 00:00:40');
INSERT INTO door_b VALUES (TIMESTAMP '2026-01-01 00:00:41');
RUN UNTIL IDLE;
SHOW OUTPUT held;
SHOW OUTPUT released;
