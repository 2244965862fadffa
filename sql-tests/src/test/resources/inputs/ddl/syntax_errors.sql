-- Syntax errors name the line and column of the first token that does not fit, counted in the
-- script, and, when the choice is short, what would fit there; the statement language and
-- Calcite's SQL parser both do.
-- Nothing is created by a statement that does not parse.
CREATE STREAM s (a INT, b VARCHAR) WITH (connector = 'memory');
SELEC * FROM s;
CREATE STREM t (a INT);
DROP WINDOW s;
SHOW STREAM;
INSERT s VALUES (1, 'x');
CREATE STREAM t (a INT,) WITH (connector = 'memory');
CREATE STREAM t (a INT NOT NULL NOT NULL) WITH (connector = 'memory');
CREATE VIEW OR REPLACE v AS SELECT 1 AS x;
CREATE VIEW v AS SELEC 1;
-- Inside a query Calcite reports the position, also on a later line of the statement.
SELECT a,, b FROM s;
SELECT a,
       b
FROM s
WHERE a IN (1 2);
SELECT CAST(a AS) FROM s;
VALUES X'0AF';
-- A declared column's type is checked where it is written.
CREATE STREAM t (
  a INT,
  b VARCHR
) WITH (connector = 'memory');
-- A keyword used as a name must be quoted.
CREATE STREAM t (select INT) WITH (connector = 'memory');
CREATE STREAM t ("select" INT, "state" INT, "value" VARCHAR) WITH (connector = 'memory');
SELECT "select", "value" FROM t;
SHOW STREAMS;
