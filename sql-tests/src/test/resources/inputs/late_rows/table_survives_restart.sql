-- The late-rows table of a query keeps its rows when the query stops and starts again from its
-- checkpoint, and no other object can take its name: not a stream, not a second query's table.
CREATE STREAM clicks (
  user_id BIGINT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (connector = 'memory');
CREATE SINK counts WITH (connector = 'memory');
SET lateRowsSink = 'late';
INSERT INTO counts
SELECT window_start, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

INSERT INTO clicks VALUES (1, TIMESTAMP '2026-01-01 00:00:15');
RUN BATCH;
-- The watermark is 00:00:14: a row in [00:00:00, 00:00:10) is late.
INSERT INTO clicks VALUES (2, TIMESTAMP '2026-01-01 00:00:03');
RUN BATCH;
SELECT * FROM late;

STOP QUERY counts;
START QUERY counts;
SELECT * FROM late;
INSERT INTO clicks VALUES (3, TIMESTAMP '2026-01-01 00:00:05');
RUN BATCH;
SELECT * FROM late;

-- Another query cannot write its late rows into the same table, nor into a stream.
CREATE SINK other WITH (connector = 'memory');
INSERT INTO other
SELECT window_start, MAX(user_id) AS top
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SET lateRowsSink = 'clicks';
INSERT INTO other
SELECT window_start, MAX(user_id) AS top
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
SHOW STREAMS;
