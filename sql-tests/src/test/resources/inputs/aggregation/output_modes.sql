-- One grouped aggregation in each output mode, fed the same batches: update delivers the groups a
-- batch changed, complete every group every batch, changelog each change as +I/-U/+U/-D (HAVING
-- turns a group leaving the result into -D). Append is refused for an aggregation no watermark
-- closes, and complete for a query without aggregation. Rows of a batch are printed sorted, so a
-- -U is listed after its +U.
CREATE STREAM sales (shop VARCHAR, qty INT) WITH (connector = 'memory');
CREATE SINK upd WITH (connector = 'memory');
CREATE SINK comp WITH (connector = 'memory');
CREATE SINK chg WITH (connector = 'memory');
CREATE SINK total WITH (connector = 'memory');
CREATE SINK bad WITH (connector = 'memory');

SET outputMode = 'update';
INSERT INTO upd SELECT shop, COUNT(*) AS n, SUM(qty) AS total FROM sales GROUP BY shop;
SET outputMode = 'complete';
INSERT INTO comp SELECT shop, COUNT(*) AS n, SUM(qty) AS total FROM sales GROUP BY shop;
INSERT INTO bad SELECT shop FROM sales WHERE qty > 1;
SET outputMode = 'changelog';
INSERT INTO chg SELECT shop, COUNT(*) AS n, SUM(qty) AS total FROM sales GROUP BY shop HAVING SUM(qty) < 10;
INSERT INTO total SELECT COUNT(*) AS n, MAX(qty) AS biggest FROM sales;
SET outputMode = 'append';
INSERT INTO bad SELECT COUNT(*) AS n FROM sales;

INSERT INTO sales VALUES ('north', 3), ('south', 4), ('north', 2);
RUN BATCH;
-- north grows past 10 and leaves the HAVING result; east's SUM is NULL, which is not < 10.
INSERT INTO sales VALUES ('north', 6), ('east', NULL);
RUN BATCH;
-- south's count changes and its sum does not: the row changed, so it comes out again.
INSERT INTO sales VALUES ('south', 0);
RUN BATCH;
INSERT INTO sales VALUES ('west', 1);
RUN BATCH;
SHOW OUTPUT upd;
SHOW OUTPUT comp;
SHOW OUTPUT chg;
SHOW OUTPUT total;
SHOW QUERIES;
