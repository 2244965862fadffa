-- SET stateTtl bounds only aggregations without an event-time bound: on the same stream, a
-- per-user count forgets a user not seen for the TTL (processing time, moved by ADVANCE CLOCK),
-- while an hourly windowed count keeps its open window however long it waits; the watermark
-- bounds its state. A TTL naming a windowed aggregation, or a STATE_TTL hint on one, is refused.
CREATE STREAM logins (user_name VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE) WITH (connector = 'memory');
CREATE SINK per_user WITH (connector = 'memory');
CREATE SINK per_hour WITH (connector = 'memory');
SET stateTtl = '1 minute';
INSERT INTO per_user SELECT user_name, COUNT(*) AS logins FROM logins GROUP BY user_name;
SET outputMode = 'update';
INSERT INTO per_hour
SELECT window_start, user_name, COUNT(*) AS logins
FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, user_name;

INSERT INTO logins VALUES ('ann', TIMESTAMP '2026-01-01 00:00:10'), ('bob', TIMESTAMP '2026-01-01 00:00:20');
RUN BATCH;
-- Two minutes later only carl logs in: per_user forgets ann and bob at the end of this batch.
ADVANCE CLOCK INTERVAL '2' MINUTE;
INSERT INTO logins VALUES ('carl', TIMESTAMP '2026-01-01 00:02:00');
RUN BATCH;
-- Only carl is left: with a TTL a group keeps two state entries, its values and its last update.
DESCRIBE QUERY per_user;
-- ann starts again from 1 per user; her hourly window, still open, goes on to 2.
INSERT INTO logins VALUES ('ann', TIMESTAMP '2026-01-01 00:02:30');
RUN BATCH;
SHOW OUTPUT per_user;
SHOW OUTPUT per_hour;
DESCRIBE QUERY per_hour;

SET 'stateTtl.aggregate-0' = '1 hour';
CREATE SINK per_hour_ttl WITH (connector = 'memory');
INSERT INTO per_hour_ttl
SELECT window_start, user_name, COUNT(*) AS logins
FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, user_name;
SELECT /*+ STATE_TTL('1 hour') */ window_start, user_name, COUNT(*) AS logins
FROM TABLE(TUMBLE(TABLE logins, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, user_name;
