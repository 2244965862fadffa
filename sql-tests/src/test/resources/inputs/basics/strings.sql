-- String functions over literals and over a table with an empty string and a NULL: case, trimming,
-- substrings, lengths, positions, concatenation, LIKE and REPLACE, and the refusals of functions
-- Sluice does not have.
CREATE TABLE words (w VARCHAR) AS VALUES ('Hello'), ('  padded  '), (''), (CAST(NULL AS VARCHAR));

-- Every function is strict: a NULL argument gives NULL. The empty string is not NULL.
SELECT w, UPPER(w) AS up, LOWER(w) AS low, CHAR_LENGTH(w) AS len, TRIM(w) AS trimmed,
       w || '!' AS bang
FROM words;
SELECT w, SUBSTRING(w FROM 2 FOR 3) AS sub, POSITION('l' IN w) AS pos_l,
       REPLACE(w, 'l', 'L') AS repl, w LIKE 'H%' AS starts_h
FROM words;

-- Case mapping is not locale-dependent and covers non-ASCII letters.
VALUES (UPPER('straße'), LOWER('ÄÖÜ'), UPPER('abc123'));

-- TRIM removes blanks by default, or the character given, from one or both ends.
VALUES ('[' || TRIM(LEADING FROM '  ab  ') || ']', '[' || TRIM(TRAILING FROM '  ab  ') || ']',
        TRIM(BOTH 'x' FROM 'xxaxbxx'), TRIM(LEADING '0' FROM '000120'));

-- SUBSTRING positions start at 1; a start before 1 still counts the positions before the string
-- (FROM 0 FOR 2 is position 0 and 1), and a start past the end gives the empty string.
VALUES (SUBSTRING('streaming' FROM 3), SUBSTRING('streaming' FROM 3 FOR 4),
        SUBSTRING('abc' FROM 0 FOR 2), SUBSTRING('abc' FROM -1 FOR 3),
        '[' || SUBSTRING('abc' FROM 5) || ']', SUBSTRING('streaming', 7));
VALUES SUBSTRING('abc' FROM 2 FOR -1);

-- CHAR_LENGTH counts characters, OCTET_LENGTH the UTF-8 bytes; POSITION is 1-based, 0 when absent,
-- and the empty string is found at position 1.
VALUES (CHAR_LENGTH('héllo'), CHARACTER_LENGTH(''), OCTET_LENGTH('héllo'),
        POSITION('b' IN 'abcb'), POSITION('z' IN 'abc'), POSITION('' IN 'abc'));

-- || with a NULL operand is NULL; COALESCE keeps the known part.
VALUES ('a' || CAST(NULL AS VARCHAR), 'a' || COALESCE(CAST(NULL AS VARCHAR), '') || 'b');

-- LIKE: % any run, _ one character, case-sensitive; ESCAPE makes % and _ literal.
VALUES ('abc' LIKE 'a%', 'abc' LIKE '_b_', 'abc' LIKE 'A%', 'abc' NOT LIKE '%d',
        'a%c' LIKE 'a!%c' ESCAPE '!', 'abc' LIKE 'a!%c' ESCAPE '!', 'a_c' LIKE 'a\_c' ESCAPE '\');
VALUES 'abc' LIKE 'a%' ESCAPE 'xx';
VALUES 'abc' LIKE 'ab!' ESCAPE '!';

-- REPLACE replaces every occurrence, left to right; replacing the empty string changes nothing.
VALUES (REPLACE('banana', 'an', 'AN'), '[' || REPLACE('aaa', 'a', '') || ']',
        REPLACE('abc', '', 'x'), REPLACE('aaaa', 'aa', 'b'));

-- SPLIT keeps empty pieces.
VALUES (SPLIT('a,b,,c', ','), CARDINALITY(SPLIT('a,b,,c', ',')), SPLIT('a,b,,c', ',')[4]);

-- Not in the function library: CONCAT (use ||), LENGTH (use CHAR_LENGTH), INITCAP, and a wrong
-- number of arguments.
VALUES CONCAT('a', 'b');
VALUES LENGTH('abc');
VALUES INITCAP('hello world');
VALUES UPPER('a', 'b');
