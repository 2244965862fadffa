-- Conditional logic: simple and searched CASE (first true branch wins, no ELSE gives NULL),
-- COALESCE and NULLIF, IN and NOT IN with a NULL in the list, BETWEEN (ASYMMETRIC by default) and
-- IS [NOT] DISTINCT FROM, which never returns NULL.
CREATE TABLE t (k VARCHAR, x INT, y INT) AS
  VALUES ('a', 1, 1), ('b', 2, CAST(NULL AS INT)), ('c', CAST(NULL AS INT), CAST(NULL AS INT)),
         ('d', 5, 3), ('e', 10, 10);

-- A NULL x matches no WHEN of a simple CASE (NULL = 1 is unknown), so 'c' takes the ELSE.
SELECT k,
       CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' END AS simple_case,
       CASE WHEN x > y THEN 'gt' WHEN x < y THEN 'lt' WHEN x = y THEN 'eq' END AS searched,
       CASE WHEN x >= 1 THEN 'first' WHEN x >= 5 THEN 'second' END AS first_wins
FROM t;

SELECT k, COALESCE(y, x) AS c1, COALESCE(y, x, 0) AS c2, NULLIF(x, y) AS n1, NULLIF(x, 10) AS n2
FROM t;

-- x IN (1, NULL) is true for 1 and unknown otherwise; NOT IN with a NULL is never true.
SELECT k, x IN (1, 5) AS in1, x NOT IN (1, 5) AS not_in1, x IN (1, NULL) AS in_null,
       x NOT IN (1, NULL) AS not_in_null
FROM t;

-- BETWEEN 5 AND 2 is empty; SYMMETRIC swaps the bounds. A NULL bound makes it unknown unless the
-- other comparison is already false.
SELECT k, x BETWEEN 2 AND 5 AS b1, x NOT BETWEEN 2 AND 5 AS b2, x BETWEEN 5 AND 2 AS b3,
       x BETWEEN SYMMETRIC 5 AND 2 AS b4, x BETWEEN y AND 4 AS b5
FROM t;

SELECT k, x IS DISTINCT FROM y AS d, x IS NOT DISTINCT FROM y AS nd, x = y AS eq FROM t;
SELECT k, x > 1 IS TRUE AS t1, x > 1 IS NOT FALSE AS t2, x > 1 IS UNKNOWN AS t3 FROM t;

-- In WHERE only true passes; AND binds tighter than OR.
SELECT k FROM t WHERE x IN (1, 2, 10) AND k <> 'e' OR y IS NULL;
SELECT k FROM t WHERE x NOT IN (1, NULL);
SELECT k FROM t WHERE x IS DISTINCT FROM 5;

-- A CASE branch is evaluated only for the rows that reach it.
SELECT k, CASE WHEN y = 0 OR y IS NULL THEN -1 ELSE x / y END AS ratio FROM t;
