-- A windowed aggregation with HAVING as a changelog (SET outputMode = 'changelog') next to the same
-- query in update mode. Changelog: +I when a window's group enters the result, -U/+U when its
-- values change, -D when it stops satisfying HAVING, nothing while it stays out; windows the
-- watermark closes leave state without a row. Update mode only shows the new values of groups
-- in the result: a group leaving it keeps its last row.
CREATE STREAM requests (page VARCHAR, latency BIGINT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'memory');
CREATE SINK quiet_changes WITH (connector = 'memory');
CREATE SINK quiet_updates WITH (connector = 'memory');
SET outputMode = 'changelog';
INSERT INTO quiet_changes
SELECT window_start, page, COUNT(*) AS n, MAX(latency) AS worst
FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page HAVING COUNT(*) < 3;
SET outputMode = 'update';
INSERT INTO quiet_updates
SELECT window_start, page, COUNT(*) AS n, MAX(latency) AS worst
FROM TABLE(TUMBLE(TABLE requests, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page HAVING COUNT(*) < 3;

INSERT INTO requests VALUES
  ('home', 100, TIMESTAMP '2026-01-01 00:00:01'),
  ('home', 300, TIMESTAMP '2026-01-01 00:00:02'),
  ('cart', 50, TIMESTAMP '2026-01-01 00:00:03');
RUN BATCH;
INSERT INTO requests VALUES ('cart', 20, TIMESTAMP '2026-01-01 00:00:04'), ('search', 10, TIMESTAMP '2026-01-01 00:00:12');
RUN BATCH;
-- home reaches 3 requests and leaves the result.
INSERT INTO requests VALUES ('home', 200, TIMESTAMP '2026-01-01 00:00:06'), ('search', 30, TIMESTAMP '2026-01-01 00:00:13');
RUN BATCH;
-- home stays out (4 requests): no row. Watermark 00:00:11 after this batch.
INSERT INTO requests VALUES ('home', 500, TIMESTAMP '2026-01-01 00:00:08'), ('news', 1, TIMESTAMP '2026-01-01 00:00:16');
RUN BATCH;
-- No new rows: [00:00:00, 00:00:10) closes and leaves state without a row.
RUN BATCH;
-- Late for the closed window: no change to cart.
INSERT INTO requests VALUES ('cart', 1, TIMESTAMP '2026-01-01 00:00:09');
RUN BATCH;
SHOW OUTPUT quiet_changes;
SHOW OUTPUT quiet_updates;
