-- What settings change: only queries started afterwards, which keep the trigger and output mode
-- they started with (DESCRIBE QUERY shows them); a setting a query cannot use is refused when the
-- query starts.
-- A query started with a trigger other than manual runs on its own: RUN BATCH does not step it.
CREATE STREAM clicks (page VARCHAR) WITH (connector = 'memory');
CREATE SINK timed WITH (connector = 'memory');
SET trigger = '1 second';
INSERT INTO timed SELECT page FROM clicks;
RUN BATCH timed;
STOP QUERY timed;
RESET trigger;

-- The output mode is fixed when the query starts; RESET changes only later queries.
CREATE SINK counts WITH (connector = 'memory');
SET outputMode = 'complete';
INSERT INTO counts SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;
RESET outputMode;
INSERT INTO clicks VALUES ('/home'), ('/cart'), ('/home');
RUN BATCH counts;
INSERT INTO clicks VALUES ('/cart');
RUN BATCH counts;
SHOW OUTPUT counts;
DESCRIBE QUERY counts;

CREATE SINK pages WITH (connector = 'memory');
SET lateRowsSink = 'late';
INSERT INTO pages SELECT page FROM clicks;
RESET lateRowsSink;
SET 'stateTtl.aggregate-3' = '1 hour';
INSERT INTO pages SELECT page, COUNT(*) AS n FROM clicks GROUP BY page;
SHOW QUERIES;
