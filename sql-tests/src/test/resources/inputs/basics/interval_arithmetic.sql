-- An interval times or divided by a DECIMAL or DOUBLE is exact, then rounded HALF_UP to whole
-- milliseconds (or months). The factor once lost its fraction (1 h * 1.5 was 1 h) or its scale
-- (1.5 * 1 h was 15 h).
-- On either side of the product: 1 h 30 min.
VALUES (INTERVAL '1' HOUR * 1.5, 1.5 * INTERVAL '1' HOUR, INTERVAL '1' HOUR * 1.5e0,
        INTERVAL '1' HOUR / 1.5, INTERVAL '-1' HOUR * 1.5, 2.5 * INTERVAL '2' MINUTE);
-- 1 h / 0.7 = 5142857.14... ms; 0.5 ms rounds up to 1 ms; 1.5 years is 18 months.
VALUES (INTERVAL '1' HOUR / 0.7, INTERVAL '1' SECOND * 0.0005, INTERVAL '1' YEAR * 1.5,
        TIMESTAMP '2026-01-01 00:00:00' + INTERVAL '1' HOUR * 1.5);
VALUES INTERVAL '1' HOUR / 0.0;
VALUES INTERVAL '1' HOUR * CAST('NaN' AS DOUBLE);
VALUES INTERVAL '1' HOUR * 12345678901234567890.5;
