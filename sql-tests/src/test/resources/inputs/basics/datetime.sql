-- Dates and times: EXTRACT of each field, FLOOR and CEIL of a timestamp to a unit, interval
-- arithmetic (month arithmetic clamps to the last day of the month), TIMESTAMPADD, casts between
-- DATE, TIME and TIMESTAMP, and the errors of values that are no dates. Timestamps have no time
-- zone: nothing here depends on the machine's zone.
CREATE TABLE ev (id INT, ts TIMESTAMP(3), d DATE) AS VALUES
  (1, TIMESTAMP '2026-03-15 13:47:21.456', DATE '2026-03-15'),
  (2, TIMESTAMP '2024-02-29 00:00:00', DATE '2024-02-29'),
  (3, TIMESTAMP '2025-12-31 23:59:59.999', DATE '2025-12-31'),
  (4, CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS DATE));

-- SECOND is the whole seconds; MILLISECOND counts the seconds too (21.456 s is 21456 ms).
SELECT id, EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS mo,
       EXTRACT(DAY FROM ts) AS dd, EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi,
       EXTRACT(SECOND FROM ts) AS s, EXTRACT(MILLISECOND FROM ts) AS ms
FROM ev;
-- WEEK is the ISO week (2025-12-31 is in week 1 of 2026); DOW counts from Sunday = 1
-- (2026-03-15 is a Sunday); EPOCH is whole seconds since 1970-01-01 00:00:00.
SELECT id, EXTRACT(WEEK FROM ts) AS w, EXTRACT(DOY FROM ts) AS doy, EXTRACT(DOW FROM ts) AS dow,
       EXTRACT(EPOCH FROM ts) AS epoch, EXTRACT(DOW FROM d) AS dow_of_date
FROM ev;

SELECT id, FLOOR(ts TO MINUTE) AS to_minute, FLOOR(ts TO HOUR) AS to_hour,
       FLOOR(ts TO DAY) AS to_day, FLOOR(ts TO MONTH) AS to_month,
       CEIL(ts TO HOUR) AS up_hour, CEIL(ts TO SECOND) AS up_second
FROM ev;
VALUES (FLOOR(TIMESTAMP '2026-05-17 10:00:00' TO QUARTER), FLOOR(TIMESTAMP '2026-05-17 10:00:00' TO YEAR),
        FLOOR(DATE '2026-05-17' TO MONTH));

-- Adding a month to 2025-12-31 gives 2026-01-31; to 2024-02-29 gives 2024-03-29; 1 year 2 months
-- after 2025-12-31 is 2027-02-31, clamped to 2027-02-28.
SELECT id, ts + INTERVAL '1' DAY AS plus_day, ts - INTERVAL '90' MINUTE AS minus_90m,
       ts + INTERVAL '1' MONTH AS plus_month, ts + INTERVAL '1-2' YEAR TO MONTH AS plus_1y2m,
       ts + INTERVAL '1 02:03:04.5' DAY TO SECOND AS plus_dts, d + INTERVAL '1' DAY AS next_day
FROM ev;
VALUES (TIMESTAMP '2026-01-31 10:00:00' + INTERVAL '1' MONTH, TIMESTAMP '2024-02-29 12:00:00' - INTERVAL '1' YEAR,
        TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '3' DAY * 2,
        TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '1' HOUR / 4,
        TIMESTAMP '2026-01-01 00:00:00' - INTERVAL '0.5' SECOND);
VALUES (TIMESTAMPADD(HOUR, 5, TIMESTAMP '2026-01-01 22:00:00'),
        TIMESTAMPADD(MONTH, 1, TIMESTAMP '2026-01-31 22:00:00'),
        TIMESTAMPADD(DAY, -1, DATE '2026-03-01'));

-- Comparisons are exact to the millisecond.
VALUES (TIMESTAMP '2026-01-01 00:00:00' < TIMESTAMP '2026-01-01 00:00:00.001',
        DATE '2026-01-01' = CAST(TIMESTAMP '2026-01-01 23:59:59' AS DATE));
SELECT id, CAST(ts AS DATE) AS the_date, CAST(ts AS TIME) AS time_of_day, CAST(d AS TIMESTAMP(3)) AS midnight,
       CAST(ts AS VARCHAR) AS text
FROM ev WHERE id < 3;

VALUES CAST('2026-01-01 25:00:00' AS TIMESTAMP(3));
VALUES CAST('25:00:00' AS TIME);
VALUES TIMESTAMP '2026-01-01 00:00:00' + 1;
VALUES DATE '2026-01-01' - DATE '2025-01-01';
