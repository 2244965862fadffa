-- Interval values: how they print (sign, days, time to the millisecond; sign, years, months, as
-- Flink prints them, not Java's PT30H), and a datetime difference in whole units of its
-- qualifier, truncated toward zero (the unit was once ignored).
VALUES (INTERVAL '30' HOUR, INTERVAL '1 02:03:04.5' DAY TO SECOND, -INTERVAL '0.5' SECOND,
        INTERVAL '400' DAY, INTERVAL '14' MONTH, INTERVAL '-1' MONTH, INTERVAL '2' YEAR);
VALUES (CAST(INTERVAL '30' HOUR AS VARCHAR), CAST(INTERVAL '1-2' YEAR TO MONTH AS VARCHAR));

-- 2026-01-02 06:00 is 1 day and 6 hours after 2026-01-01 00:00: 1 whole day, 30 whole hours.
VALUES ((TIMESTAMP '2026-01-02 06:00:00' - TIMESTAMP '2026-01-01 00:00:00') DAY);
VALUES ((TIMESTAMP '2026-01-02 06:59:59.999' - TIMESTAMP '2026-01-01 00:00:00') DAY,
        (TIMESTAMP '2026-01-02 06:59:59.999' - TIMESTAMP '2026-01-01 00:00:00') DAY TO HOUR,
        (TIMESTAMP '2026-01-02 06:59:59.999' - TIMESTAMP '2026-01-01 00:00:00') HOUR,
        (TIMESTAMP '2026-01-02 06:59:59.999' - TIMESTAMP '2026-01-01 00:00:00') MINUTE,
        (TIMESTAMP '2026-01-02 06:59:59.999' - TIMESTAMP '2026-01-01 00:00:00') SECOND);
-- Toward zero: 30 hours before is -1 day, not -2. 2026-01-15 to 2027-03-01 is 13 whole months,
-- 1 whole year.
VALUES ((TIMESTAMP '2026-01-01 00:00:00' - TIMESTAMP '2026-01-02 06:00:00') DAY,
        (DATE '2027-03-01' - DATE '2026-01-15') MONTH, (DATE '2027-03-01' - DATE '2026-01-15') YEAR);
-- The truncated difference is what later arithmetic sees.
VALUES TIMESTAMP '2026-01-01 00:00:00'
       + (TIMESTAMP '2026-01-02 06:00:00' - TIMESTAMP '2026-01-01 00:00:00') DAY;
