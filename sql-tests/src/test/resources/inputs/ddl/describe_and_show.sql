-- DESCRIBE of each kind of object (the columns of a stream, table or view with the watermark of
-- the event-time column; the options of a sink; the state of a query) and SHOW of each listing.
-- A view over a view reads through both; SHOW VIEWS tells whether a view reads a stream.
CREATE STREAM clicks (user_id BIGINT NOT NULL, url VARCHAR, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (connector = 'memory', partitions = 2);
CREATE TABLE users (id BIGINT NOT NULL, name VARCHAR) AS VALUES (1, 'ann'), (2, 'bob');
CREATE VIEW home_clicks AS SELECT user_id, ts FROM clicks WHERE url = '/home';
CREATE VIEW early_home_clicks AS SELECT user_id, ts + INTERVAL '1' MINUTE AS deadline FROM home_clicks WHERE user_id < 10;
CREATE VIEW loud_users AS SELECT id, UPPER(name) AS shout FROM users;
CREATE VIEW loud_bob AS SELECT shout FROM loud_users WHERE id = 2;
CREATE SINK out WITH (connector = 'memory');
CREATE SINK screen WITH (connector = 'console', numRows = 5, truncate = false);

DESCRIBE clicks;
DESCRIBE users;
-- A view has no watermark of its own: the queries reading it get the stream's.
DESCRIBE home_clicks;
DESCRIBE early_home_clicks;
DESCRIBE loud_bob;
SELECT * FROM loud_bob;
DESCRIBE screen;
DESCRIBE out;
DESCRIBE nothing_here;
DESCRIBE QUERY out;

SHOW STREAMS;
SHOW TABLES;
SHOW VIEWS;
SHOW SINKS;
SHOW CONNECTORS;
INSERT INTO out SELECT user_id FROM early_home_clicks;
SHOW QUERIES;
DESCRIBE QUERY out;

-- The functions SQL can call (built-in; registered user functions join them).
SHOW FUNCTIONS;
