-- Arithmetic: integer division truncates toward zero, MOD takes the dividend's sign, integer
-- overflow and division by zero fail instead of wrapping, DOUBLE follows IEEE, DECIMAL keeps its
-- scale. ROUND, FLOOR, CEIL and POWER over numbers are not built yet and say so.
VALUES (ABS(-5), ABS(5.5), ABS(CAST(-2.5 AS DOUBLE)), MOD(7, 3), MOD(-7, 3), MOD(7, -3),
        7 % 3, -7 % 3);
VALUES (7 / 2, -7 / 2, 7 / -2, 2 + 3 * 4 - 10 / 3, CAST(7 AS DOUBLE) / 2);

-- Over columns, with a NULL operand and a zero divisor filtered out first.
CREATE TABLE n (a INT, b INT) AS VALUES (7, 2), (-7, 2), (7, -3), (CAST(NULL AS INT), 1), (5, 0);
SELECT a, b, a / b AS quotient, MOD(a, b) AS remainder, -a AS negated FROM n WHERE b <> 0;
-- Without the filter the row (5, 0) fails the query.
SELECT a / b FROM n;
-- CASE evaluates the division only where the divisor is not zero.
SELECT a, CASE WHEN b = 0 THEN NULL ELSE a / b END AS safe FROM n;

VALUES 1 / 0;
VALUES MOD(5, 0);
VALUES 1.0 / 0;

-- DOUBLE division by zero is not an error: infinities and NaN.
VALUES (CAST(1 AS DOUBLE) / 0, CAST(-1 AS DOUBLE) / 0, CAST(0 AS DOUBLE) / 0);
-- DECIMAL arithmetic is exact; DOUBLE is binary floating point.
VALUES (0.1 + 0.2, CAST(0.1 AS DOUBLE) + CAST(0.2 AS DOUBLE), 1.10 * 3, 10.25 - 0.250);

-- Overflow of each integer type, of negation and ABS of the smallest INTEGER, of BIGINT.
VALUES CAST(2147483647 AS INT) + 1;
VALUES -CAST(-2147483648 AS INT);
VALUES ABS(CAST(-2147483648 AS INT));
VALUES CAST(-2147483648 AS INT) / -1;
VALUES CAST(10 AS TINYINT) * CAST(20 AS TINYINT);
VALUES CAST(9223372036854775807 AS BIGINT) * 2;
-- A wider operand widens the result, so this fits.
VALUES (CAST(3 AS BIGINT) * 4000000000, CAST(200 AS SMALLINT) + CAST(1 AS TINYINT));

VALUES ROUND(2.5);
VALUES FLOOR(2.7);
VALUES CEIL(2.1);
VALUES POWER(2, 10);
