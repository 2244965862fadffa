-- Three-valued logic: comparisons with NULL are unknown, WHERE keeps only true rows, AND/OR
-- follow SQL's truth tables, and the NULL-handling functions.
CREATE TABLE t (a INT, b INT) AS VALUES (1, 1), (1, NULL), (NULL, NULL), (2, 3);
SELECT a, b, a = b AS eq, a <> b AS ne, a IS NULL AS a_null, a IS DISTINCT FROM b AS distinct_
FROM t;
SELECT a, b FROM t WHERE a = b;
SELECT a, b FROM t WHERE NOT (a = b);
SELECT a, b FROM t WHERE a IS NOT DISTINCT FROM b;
VALUES (TRUE AND CAST(NULL AS BOOLEAN), FALSE AND CAST(NULL AS BOOLEAN),
        TRUE OR CAST(NULL AS BOOLEAN), FALSE OR CAST(NULL AS BOOLEAN), NOT CAST(NULL AS BOOLEAN));
SELECT COALESCE(b, a, -1) AS c, NULLIF(a, 1) AS n,
       CASE WHEN b IS NULL THEN 'none' WHEN b > 1 THEN 'many' ELSE 'one' END AS k
FROM t;
SELECT COUNT(*) AS all_rows, COUNT(a) AS with_a, SUM(b) AS sum_b, MIN(a) AS min_a FROM t;
SELECT a + b AS s, a * NULL AS m, 'x' || CAST(b AS VARCHAR) AS c FROM t;
