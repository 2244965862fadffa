-- EMIT decides when a windowed query delivers: on window close (final rows, append) or changes
-- (updates as they happen); a contradicting output mode is refused.
CREATE STREAM clicks (page VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE SINK closed WITH (connector = 'memory');
CREATE SINK changes WITH (connector = 'memory');
INSERT INTO closed
SELECT window_start, page, COUNT(*) AS views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page EMIT ON WINDOW CLOSE;
INSERT INTO changes
SELECT window_start, page, COUNT(*) AS views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, page EMIT CHANGES;

INSERT INTO clicks VALUES ('home', TIMESTAMP '2026-01-01 00:00:01'), ('cart', TIMESTAMP '2026-01-01 00:00:02');
RUN UNTIL IDLE;
INSERT INTO clicks VALUES ('home', TIMESTAMP '2026-01-01 00:00:03');
RUN UNTIL IDLE;
INSERT INTO clicks VALUES ('home', TIMESTAMP '2026-01-01 00:00:15');
RUN UNTIL IDLE;
SHOW OUTPUT closed;
SHOW OUTPUT changes;
SHOW QUERIES;

-- EMIT ON WINDOW CLOSE needs a window the watermark closes.
CREATE SINK bad WITH (connector = 'memory');
INSERT INTO bad SELECT page, COUNT(*) AS views FROM clicks GROUP BY page EMIT ON WINDOW CLOSE;
