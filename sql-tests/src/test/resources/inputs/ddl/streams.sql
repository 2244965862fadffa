-- Declaring, describing and dropping streams, and what goes wrong.
CREATE STREAM clicks (
  user_id BIGINT NOT NULL,
  url VARCHAR,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'memory');

SHOW STREAMS;
DESCRIBE clicks;

-- The name is taken.
CREATE STREAM clicks (a INT) WITH (connector = 'memory');
CREATE STREAM IF NOT EXISTS clicks (a INT) WITH (connector = 'memory');

-- Bad declarations change nothing.
CREATE STREAM bad (a INT) WITH (connector = 'nope');
CREATE STREAM bad (a FOO) WITH (connector = 'memory');
CREATE STREAM bad (a INT, A BIGINT) WITH (connector = 'memory');
CREATE STREAM bad (a INT, WATERMARK FOR a AS a) WITH (connector = 'memory');
CREATE STREAM bad (a TIMESTAMP(3), WATERMARK FOR b AS b) WITH (connector = 'memory');
CREATE STREAM bad (a INT);
CREATE STREAM bad (a INT) WITH (connector = 'memory', colour = 'red');
CREATE STREM bad (a INT);
SHOW STREAMS;

-- A connector with its own columns: declared columns pick some of them.
CREATE STREAM bids (auction BIGINT, price BIGINT, date_time TIMESTAMP(3))
  WITH (connector = 'nexmark', 'table' = 'bid');
DESCRIBE bids;
CREATE STREAM bad (auction VARCHAR) WITH (connector = 'nexmark', 'table' = 'bid');

DROP STREAM clicks;
DROP STREAM clicks;
DROP STREAM IF EXISTS clicks;
DROP TABLE bids;
SHOW STREAMS;
