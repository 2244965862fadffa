-- A running count survives STOP QUERY and START QUERY: the restarted query resumes from its
-- checkpoint, so counts go on from where they were and no batch is delivered twice.
CREATE STREAM words (word VARCHAR) WITH (connector = 'memory');
CREATE SINK counts WITH (connector = 'memory');
INSERT INTO counts SELECT word, COUNT(*) AS n FROM words GROUP BY word;

INSERT INTO words VALUES ('apple'), ('pear'), ('apple');
RUN BATCH counts;
RUN BATCH counts;
SHOW OUTPUT counts;
DESCRIBE QUERY counts;

STOP QUERY counts;
STOP QUERY counts;
INSERT INTO words VALUES ('pear'), ('plum');
START QUERY counts;
START QUERY counts;
RUN UNTIL IDLE;
SHOW OUTPUT counts;
SHOW QUERIES;

-- One query per sink.
INSERT INTO counts SELECT word, COUNT(*) AS n FROM words GROUP BY word;
DROP SINK counts;
STOP QUERY counts;
DROP SINK counts;
SHOW SINKS;
SHOW QUERIES;
RUN BATCH;
RUN BATCH nothing;
SHOW OUTPUT nothing;
