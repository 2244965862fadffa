-- Aggregations without a watermark update their groups every batch; queried on their own they
-- show the whole result table after each batch (complete mode).
CREATE STREAM orders (customer VARCHAR, amount BIGINT) WITH (connector = 'memory');
INSERT INTO orders VALUES ('ann', 10), ('bob', 5), ('ann', 7);
SELECT customer, SUM(amount) AS total, COUNT(*) AS orders FROM orders GROUP BY customer;
SELECT COUNT(*) AS orders, MAX(amount) AS biggest FROM orders;

-- As a named query in update mode: each batch delivers the groups it changed.
CREATE SINK totals WITH (connector = 'memory');
INSERT INTO totals SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;
RUN BATCH;
INSERT INTO orders VALUES ('bob', 1), ('cy', NULL);
RUN BATCH;
INSERT INTO orders VALUES ('ann', 100);
RUN BATCH;
RUN BATCH;
SHOW OUTPUT totals;

-- In append mode the same query is refused: its rows change.
SET outputMode = 'append';
CREATE SINK appended WITH (connector = 'memory');
INSERT INTO appended SELECT customer, SUM(amount) AS total FROM orders GROUP BY customer;
SHOW QUERIES;

-- Over static rows, a global aggregate over no rows is one row, as SQL has it: COUNT 0, the
-- others NULL; grouped, it is no row.
CREATE TABLE prices (item VARCHAR, price INT) AS VALUES ('a', 3), ('b', 5);
SELECT COUNT(*) AS n, SUM(price) AS total, MAX(price) AS top FROM prices WHERE price > 100;
SELECT item, COUNT(*) AS n FROM prices WHERE price > 100 GROUP BY item;
