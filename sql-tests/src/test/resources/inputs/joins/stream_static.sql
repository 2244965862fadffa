-- Stream–static joins: each order probes the prices table, hashed once when the query starts.
-- pen has three price tiers, ink one; a NULL item matches nothing; cap is never ordered.
CREATE TABLE prices (item VARCHAR, min_qty INT, unit_price BIGINT) AS
  VALUES ('pen', 1, 10), ('pen', 10, 8), ('pen', 100, 6), ('ink', 1, 3), (NULL, 1, 99), ('cap', 1, 1);
CREATE STREAM orders (order_id BIGINT, item VARCHAR, qty INT) WITH (connector = 'memory');
CREATE SINK every_tier WITH (connector = 'memory');
CREATE SINK best_tier WITH (connector = 'memory');
CREATE SINK banded WITH (connector = 'memory');

-- INNER: one row per matching tier; unmatched orders are gone.
INSERT INTO every_tier
SELECT o.order_id, o.item, p.min_qty, p.unit_price FROM orders AS o JOIN prices AS p ON o.item = p.item;
-- LEFT with a condition beyond the key: the tiers an order reaches; an order reaching none, or
-- with an item the table lacks, or with a NULL item, keeps its row with NULLs.
INSERT INTO best_tier
SELECT o.order_id, p.min_qty, o.qty * p.unit_price AS total
FROM orders AS o LEFT JOIN prices AS p ON o.item = p.item AND o.qty >= p.min_qty;
-- RIGHT with the stream on the right, and no equality at all: every table row is compared.
INSERT INTO banded
SELECT b.band, o.order_id
FROM (VALUES (0, 9, 'small'), (10, 99, 'large')) AS b (lo, hi, band)
RIGHT JOIN orders AS o ON o.qty BETWEEN b.lo AND b.hi;

INSERT INTO orders VALUES (1, 'pen', 12), (2, 'ink', 5), (3, 'nib', 1), (4, NULL, 2), (5, 'pen', 0);
RUN BATCH;
INSERT INTO orders VALUES (6, 'pen', 150);
RUN BATCH;
SHOW OUTPUT every_tier;
SHOW OUTPUT best_tier;
SHOW OUTPUT banded;

-- The plan shows the static side as a query of its own under the join.
EXPLAIN SELECT o.order_id, p.unit_price FROM orders AS o JOIN prices AS p ON o.item = p.item WHERE p.min_qty = 1;

-- Two tables join once, as a one-off query.
CREATE TABLE items (item VARCHAR, colour VARCHAR) AS VALUES ('pen', 'blue'), ('rubber', 'pink');
SELECT i.item, i.colour, p.unit_price FROM items AS i LEFT JOIN prices AS p ON i.item = p.item AND p.min_qty = 1;

-- Refused: keeping a table's unmatched rows against a stream, two streams, FULL, mismatched keys.
SELECT * FROM prices AS p LEFT JOIN orders AS o ON p.item = o.item;
SELECT * FROM orders AS a JOIN orders AS b ON a.order_id = b.order_id;
SELECT * FROM orders AS o FULL JOIN prices AS p ON o.item = p.item;
