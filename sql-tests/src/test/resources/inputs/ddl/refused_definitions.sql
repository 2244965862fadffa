-- Definitions Sluice cannot keep as written are refused, not quietly changed: a DECIMAL of more
-- than 38 digits (it was narrowed to 38), and a view or table whose query names two columns
-- alike (the second was renamed a0).
CREATE STREAM payments (id INT, amount DECIMAL(50, 2)) WITH (connector = 'memory');
CREATE TABLE totals (day DATE,
                     total DECIMAL(39)) AS VALUES (DATE '2026-01-01', 1);
VALUES CAST(1 AS DECIMAL(40, 2));
VALUES CAST(1 AS DECIMAL(38, 2));
CREATE STREAM payments (id INT, amount DECIMAL(38, 2)) WITH (connector = 'memory');
DESCRIBE payments;

CREATE VIEW v AS SELECT 1 AS a, 2 AS a;
CREATE VIEW v AS SELECT id AS a,
                        amount AS A
                 FROM payments;
CREATE TABLE t AS SELECT 1 AS a, 2 AS a;
SHOW VIEWS;
-- Names told apart with AS are kept; a query on its own may still repeat a name.
CREATE VIEW v AS SELECT 1 AS a, 2 AS a2;
SELECT * FROM v;
SELECT 1 AS a, 2 AS a;
