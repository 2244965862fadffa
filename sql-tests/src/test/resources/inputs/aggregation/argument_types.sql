-- SUM and AVG take numbers: a VARCHAR argument is refused when the query is planned, naming the
-- function, the type and what it takes, instead of being cast to DECIMAL and failing at run time
-- on the first value that is no number. MIN, MAX and COUNT take any comparable value.
CREATE TABLE r (s VARCHAR, n INT) AS VALUES ('1', 1), ('x', 2), (NULL, 2);
SELECT SUM(s) FROM r;
SELECT n, AVG(s) AS a FROM r GROUP BY n;
SELECT SUM(DISTINCT s) FROM r;
SELECT SUM('1') FROM r;
SELECT SUM(CAST(s AS INT)) AS total FROM r WHERE s <> 'x';
SELECT MIN(s) AS lo, MAX(s) AS hi, COUNT(s) AS texts FROM r;
-- A NULL has no type to refuse: it sums to NULL.
SELECT SUM(NULL) AS nothing, AVG(b) AS still_nothing FROM (VALUES (1, NULL)) AS t (a, b);

CREATE STREAM events (kind VARCHAR, amount VARCHAR) WITH (connector = 'memory');
SELECT kind, SUM(amount) AS total FROM events GROUP BY kind;
