-- Projections and filters over a memory stream: typed on its own a query reads everything added so
-- far and prints its batches; started by INSERT INTO a sink it runs batch by batch, each batch
-- delivering the rows added since the last. Stateless queries run in append mode.
CREATE STREAM orders (id BIGINT, customer VARCHAR, amount DECIMAL(8, 2), ts TIMESTAMP(3))
  WITH (connector = 'memory');
INSERT INTO orders VALUES
  (1, 'ann', 10.50, TIMESTAMP '2026-01-01 09:15:00'),
  (2, 'Bob', 250.00, TIMESTAMP '2026-01-01 09:47:30'),
  (3, NULL, 0.99, TIMESTAMP '2026-01-01 10:02:00');

SELECT id, UPPER(customer) AS who, amount * 2 AS doubled, FLOOR(ts TO HOUR) AS hour_start FROM orders;
-- The NULL customer is neither LIKE '%n%' nor NOT LIKE '%n%'.
SELECT id, customer FROM orders WHERE amount > 5 AND customer LIKE '%n%';
SELECT id, customer FROM orders WHERE NOT (customer LIKE '%n%');
SELECT id, CASE WHEN amount >= 100 THEN 'big' ELSE 'small' END AS size, COALESCE(customer, '?') AS who
FROM orders WHERE id <> 2;
SELECT * FROM orders WHERE 1 = 0;

-- A stream has no last row to sort by or stop at.
SELECT id FROM orders ORDER BY id;
SELECT id FROM orders LIMIT 1;
SELECT custmer FROM orders;
SELECT customer FROM orderz;
-- A failure while the query runs shows what failed, not the transient query's ids.
SELECT id / (id - id) FROM orders;

CREATE SINK big WITH (connector = 'memory');
INSERT INTO big SELECT id, customer, amount FROM orders WHERE amount >= 10;
RUN BATCH;
INSERT INTO orders VALUES (4, 'cy', 12, TIMESTAMP '2026-01-01 10:30:00'), (5, 'dee', 1, TIMESTAMP '2026-01-01 10:31:00');
RUN BATCH;
-- No new rows: nothing to run.
RUN BATCH;
-- Rows the filter drops still make a batch, an empty one.
INSERT INTO orders VALUES (6, 'eve', 3, CAST(NULL AS TIMESTAMP(3)));
RUN BATCH;
SHOW OUTPUT big;

-- Typed on its own again, the query reads the stream from its start.
SELECT id, customer FROM orders WHERE ts IS NULL OR id = 1;
