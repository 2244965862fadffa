-- A constant NULL of a type held as a Java object (VARCHAR, wide DECIMAL, VARBINARY) goes into
-- functions and out to columns like any other NULL: strict functions give NULL. (The generated
-- kernel once wrote `null.toUpperCase()`, which does not compile.)
VALUES UPPER(CAST(NULL AS VARCHAR));
VALUES (10.50, 'a'), (0.99, CAST(NULL AS VARCHAR));
VALUES (CHAR_LENGTH(CAST(NULL AS VARCHAR)), 'x' || CAST(NULL AS VARCHAR),
        -CAST(NULL AS DECIMAL(30, 2)), CAST(NULL AS VARBINARY), SUBSTRING(CAST(NULL AS VARCHAR), 2));

CREATE STREAM clicks (id INT, url VARCHAR) WITH (connector = 'memory');
INSERT INTO clicks VALUES (1, 'a'), (2, NULL);
SELECT id, COALESCE(url, CAST(NULL AS VARCHAR)) AS url, LOWER(CAST(NULL AS VARCHAR)) AS nothing
FROM clicks;
