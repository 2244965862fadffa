-- A UNION ALL written in place as a window function's table argument reads every branch (Calcite
-- hands the branches over as separate inputs; they once lost all but the first, silently). The
-- watermark is the smaller of the two inputs' watermarks.
CREATE STREAM fast (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH (connector = 'memory');
CREATE STREAM slow (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
  WITH (connector = 'memory');
CREATE SINK counts WITH (connector = 'memory');

INSERT INTO counts
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE((SELECT ts FROM fast UNION ALL SELECT ts FROM slow), DESCRIPTOR(ts),
  INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

INSERT INTO fast VALUES (TIMESTAMP '2026-01-01 00:00:02'), (TIMESTAMP '2026-01-01 00:00:12');
INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:04');
RUN UNTIL IDLE;
-- fast says 00:00:11, slow 23:59:59: the first window stays open.
SHOW OUTPUT counts;

INSERT INTO slow VALUES (TIMESTAMP '2026-01-01 00:00:16');
RUN UNTIL IDLE;
-- Now the watermark is min(00:00:11, 00:00:11): [00:00:00, 00:00:10) closes with both rows.
SHOW OUTPUT counts;

-- The same union inside HOP reads both branches too (a query on its own: all four rows).
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(HOP((SELECT ts FROM fast UNION ALL SELECT ts FROM slow), DESCRIPTOR(ts),
  INTERVAL '10' SECOND, INTERVAL '20' SECOND))
GROUP BY window_start, window_end
EMIT CHANGES;
