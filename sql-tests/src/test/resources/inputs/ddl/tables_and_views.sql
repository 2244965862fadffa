-- Static tables from VALUES and from queries, views over streams and tables, and their errors.
CREATE TABLE colours (id INT NOT NULL, name VARCHAR) AS VALUES (1, 'red'), (2, 'green'), (3, NULL);
SELECT * FROM colours ORDER BY id;
DESCRIBE colours;
CREATE TABLE big_ids AS SELECT id * 1000 AS big FROM colours WHERE id > 1;
SELECT * FROM big_ids;
SHOW TABLES;

-- Declared types convert the values; a NULL in a NOT NULL column or a wrong arity is refused.
CREATE TABLE prices (amount DECIMAL(10, 2), at TIMESTAMP(3)) AS
  VALUES (1.5, TIMESTAMP '2026-01-01 10:00:00'), (2, TIMESTAMP '2026-01-01 11:30:00');
SELECT * FROM prices;
CREATE TABLE bad (id INT NOT NULL) AS VALUES (1), (NULL);
CREATE TABLE bad (id INT, name VARCHAR) AS VALUES (1);
CREATE TABLE bad (id INT) AS VALUES ('one');
CREATE TABLE bad AS SELECT * FROM no_such_table;
SHOW TABLES;

CREATE STREAM events (id INT, kind VARCHAR) WITH (connector = 'memory');
-- A view no query could run is refused when it is created.
CREATE VIEW paired_events AS
  SELECT e.id, f.kind FROM events AS e JOIN events AS f ON e.id = f.id;
CREATE VIEW small_colours AS SELECT * FROM colours WHERE id < 3;
CREATE VIEW big_events AS SELECT id FROM events WHERE id > 100;
SHOW VIEWS;
SELECT name FROM small_colours;
CREATE VIEW small_colours AS SELECT 1 AS x;
CREATE OR REPLACE VIEW small_colours AS SELECT 1 AS x;
SELECT * FROM small_colours;
CREATE OR REPLACE VIEW colours AS SELECT 1 AS x;
CREATE VIEW windowed AS SELECT * FROM events EMIT CHANGES;

DROP VIEW small_colours;
DROP TABLE colours;
DROP VIEW colours;
SHOW TABLES;
