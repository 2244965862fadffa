-- Settings: shown with their defaults, checked when set, reset one by one or all at once.
SHOW SETTINGS;
SET stateTtl = '1 hour';
SET 'watermarkPolicy' = 'max';
SET keyGroups = 64;
SET 'stateTtl.aggregate-0' = '10 minutes';
SET stateTtl.aggregate-0 = '10 minutes';
SET trigger = '500 ms';
SET outputMode = 'update';
SHOW SETTINGS;

SET colour = 'red';
SET keyGroups = 100;
SET stateTtl = 'soon';
SET trigger = 'sometimes';
SET outputMode = 'sideways';
SET watermarkPolicy = 'median';

RESET stateTtl;
RESET trigger;
RESET colour;
SHOW SETTINGS;
RESET ALL;
SHOW SETTINGS;
