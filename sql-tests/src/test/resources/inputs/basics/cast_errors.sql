-- More casts, beside casts.sql: what each string-to-type cast accepts, and the errors of values
-- that do not convert (INVALID_CAST), do not fit (NUMERIC_OVERFLOW) or of types that never convert
-- (TYPE_MISMATCH, found when the query is planned, with its position).
VALUES (CAST('+42' AS INT), CAST('-0' AS INT), CAST('1e3' AS DOUBLE), CAST('123.456' AS DECIMAL(5, 2)),
        CAST('2026-01-01' AS TIMESTAMP(3)), CAST('10:00' AS TIME));
-- Booleans: 'true'/'false' and their abbreviations, any case; a number is true unless it is 0.
VALUES (CAST('TRUE' AS BOOLEAN), CAST('f' AS BOOLEAN), CAST(2 AS BOOLEAN), CAST(FALSE AS VARCHAR));
VALUES CAST('maybe' AS BOOLEAN);
VALUES CAST('' AS INT);
VALUES CAST('0x1F' AS INT);
VALUES CAST('abc' AS DOUBLE);
VALUES CAST('x' AS DECIMAL(5, 2));

-- Out of range for the target type.
VALUES CAST('9999999999' AS INT);
VALUES CAST(300 AS TINYINT);
VALUES CAST(40000 AS SMALLINT);
VALUES CAST(1e10 AS INT);
VALUES CAST(1e19 AS BIGINT);
VALUES CAST(CAST(0 AS DOUBLE) / 0 AS INT);
VALUES CAST('1234.5' AS DECIMAL(5, 2));

-- Types with no conversion between them.
VALUES CAST(TRUE AS INT);
VALUES CAST(DATE '2026-01-01' AS INT);
VALUES CAST(X'FF' AS INT);
VALUES CAST(ARRAY[1, 2] AS VARCHAR);

-- A value of a column that does not convert fails the query and names it; rows before it do not
-- come out.
CREATE TABLE raw (id INT, amount VARCHAR) AS VALUES (1, '10.5'), (2, ' 7 '), (3, 'n/a');
SELECT id, CAST(amount AS DECIMAL(6, 2)) AS amount FROM raw WHERE id < 3;
SELECT id, CAST(amount AS DECIMAL(6, 2)) AS amount FROM raw;
