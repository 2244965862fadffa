-- The WITH options of streams, tables and sinks are checked when they are declared: the connector
-- must exist and be named, every option must be known to it and valid, no option may be given
-- twice. Option keys and the connector name are case-insensitive. A failed declaration creates
-- nothing.
CREATE STREAM a (x INT) WITH (Connector = 'MEMORY', partitions = 2);
CREATE STREAM b (x INT) WITH (connector = 'kafka');
CREATE SINK b WITH (connector = 'kafka');
CREATE SINK b WITH (format = 'memory');
CREATE STREAM b (x INT) WITH (connector = 'memory', partitions = 0);
CREATE STREAM b (x INT) WITH (connector = 'memory', partitions = 'two');
CREATE STREAM b (x INT) WITH (connector = 'memory', connector = 'memory');
CREATE SINK b WITH (connector = 'memory', path = '/tmp/out');
CREATE SINK b WITH (connector = 'console', rows = 5);
CREATE SINK b WITH (connector = 'foreachbatch');

-- Connectors with columns of their own: declared columns must be theirs.
CREATE STREAM b (value BIGINT) WITH (connector = 'rate', rowsPerSecond = 'fast');
CREATE STREAM b (x INT) WITH (connector = 'rate');
CREATE STREAM b (auction BIGINT) WITH (connector = 'nexmark', 'table' = 'bids');
CREATE TABLE people WITH (connector = 'nexmark', 'table' = 'person', maxEvents = 100);
SELECT COUNT(*) AS people FROM people;
SHOW TABLES;

-- WATERMARK FOR takes the form column - INTERVAL 'n' unit (or just the column), a positive delay
-- of milliseconds to days.
CREATE STREAM w (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '500' MILLISECOND) WITH (connector = 'memory');
CREATE STREAM b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts + INTERVAL '5' SECOND) WITH (connector = 'memory');
CREATE STREAM b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MONTH) WITH (connector = 'memory');
CREATE STREAM b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - 5) WITH (connector = 'memory');
CREATE STREAM b (ts TIMESTAMP(3), other TIMESTAMP(3), WATERMARK FOR ts AS other - INTERVAL '1' SECOND) WITH (connector = 'memory');
CREATE STREAM b (ts TIMESTAMP(3), WATERMARK FOR ts AS ts, WATERMARK FOR ts AS ts) WITH (connector = 'memory');
CREATE STREAM b (d DATE, WATERMARK FOR d AS d - INTERVAL '1' DAY) WITH (connector = 'memory');
SHOW STREAMS;
SHOW SINKS;
