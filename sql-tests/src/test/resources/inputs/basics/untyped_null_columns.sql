-- A column of untyped NULLs (`VALUES (5, NULL)`: type NULL) is copied through a filter, grouped
-- and sent between the two partitions like any other column. (Copying one row of it once failed:
-- Arrow's NullVector has no copyFromSafe.)
SELECT COUNT(*) FROM (VALUES (5, NULL)) AS t (a, b) WHERE b IS NULL;
SELECT a, b FROM (VALUES (5, NULL), (6, NULL)) AS t (a, b) WHERE a > 5;
SELECT b, COUNT(*) AS n FROM (VALUES (5, NULL), (6, NULL), (7, NULL)) AS t (a, b) GROUP BY b;
SELECT b, MIN(a) AS first_a FROM (VALUES (5, NULL), (6, NULL)) AS t (a, b) GROUP BY b HAVING COUNT(*) > 1;
