-- Streams, tables, views and sinks share one namespace: a taken name is refused whatever kind
-- takes it, IF NOT EXISTS keeps the existing object, DROP names the kind to drop and IF EXISTS
-- tolerates only a missing name, not one of another kind.
CREATE STREAM s (a INT, ts TIMESTAMP(3)) WITH (connector = 'memory');
CREATE TABLE t (id BIGINT NOT NULL, name VARCHAR) AS VALUES (1, 'ann'), (2, 'bob');
CREATE VIEW v AS SELECT name FROM t WHERE id > 1;
CREATE SINK k WITH (connector = 'memory');

CREATE TABLE s (a INT) AS VALUES (1);
CREATE VIEW t AS SELECT 1 AS x;
CREATE SINK v WITH (connector = 'memory');
CREATE STREAM k (a INT) WITH (connector = 'memory');
-- Names are case-insensitive.
CREATE TABLE T (a INT) AS VALUES (1);

-- IF NOT EXISTS does not check that the existing object is of the same kind or shape.
CREATE TABLE IF NOT EXISTS s (a INT) AS VALUES (1);
CREATE SINK IF NOT EXISTS t WITH (connector = 'memory');
-- OR REPLACE replaces views only.
CREATE OR REPLACE VIEW t AS SELECT 1 AS x;
SELECT * FROM t ORDER BY id;

-- DROP of another kind says which DROP fits.
DROP VIEW t;
DROP STREAM t;
DROP TABLE v;
DROP STREAM s;
DROP STREAM IF EXISTS s;
DROP TABLE IF EXISTS v;
DROP SINK nothing;

-- A sink is dropped only when no query writes into it.
CREATE STREAM clicks (url VARCHAR) WITH (connector = 'memory');
INSERT INTO k SELECT url FROM clicks;
DROP SINK k;
STOP QUERY k;
DROP SINK k;
SHOW QUERIES;
