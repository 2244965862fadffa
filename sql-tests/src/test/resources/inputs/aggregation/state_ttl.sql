-- State TTL bounds an aggregation without a watermark: a group not updated for the TTL (in
-- processing time, which ADVANCE CLOCK moves) is forgotten and starts again from nothing.
CREATE STREAM logins (user_name VARCHAR) WITH (connector = 'memory');
CREATE SINK per_user WITH (connector = 'memory');
SET stateTtl = '1 hour';
INSERT INTO per_user SELECT user_name, COUNT(*) AS logins FROM logins GROUP BY user_name;

INSERT INTO logins VALUES ('ann'), ('bob');
RUN BATCH;
ADVANCE CLOCK INTERVAL '40' MINUTE;
INSERT INTO logins VALUES ('ann');
RUN BATCH;
-- bob was last updated 70 minutes ago, ann 30 minutes ago.
ADVANCE CLOCK INTERVAL '30' MINUTE;
INSERT INTO logins VALUES ('carl');
RUN BATCH;
DESCRIBE QUERY per_user;
INSERT INTO logins VALUES ('bob'), ('ann');
RUN BATCH;
SHOW OUTPUT per_user;
