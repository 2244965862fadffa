-- Values of the settings beside those of set_and_show.sql: durations, powers of two and
-- triggers accepted and refused, keys case-insensitive, a value a quoted string or a bare word
-- (kept as written). A refused value changes nothing.
SET watermarkIdleTimeout = '30 seconds';
SET watermarkIdleTimeout = 'never';
SET watermarkIdleTimeout = '-5 seconds';
SET stateTtl = '1 week';
SET 'stateTtl.aggregate-1' = 'soon';
SET keyGroups = 0;
SET keyGroups = 'many';
SET trigger = '-1 second';
-- An interval of 0 runs batches back to back, as continuous does.
SET trigger = 'availableNow';
SET trigger = 'once';
SET trigger = '0 seconds';
SET OUTPUTMODE = UPDATE;
SHOW SETTINGS;
RESET outputmode;
RESET ALL;
-- Fixed when the session starts: shown by SHOW SETTINGS, refused by SET.
SET partitions = 4;
