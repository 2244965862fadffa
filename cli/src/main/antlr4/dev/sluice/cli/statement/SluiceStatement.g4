/*
 * The Sluice statement language: the statements of the shell and of golden-file scripts.
 *
 * The grammar recognizes statements; it does not parse SQL queries or expressions. A query (after
 * SELECT, WITH, VALUES, or inside CREATE VIEW, INSERT INTO and EXPLAIN) is every token up to the
 * end of the statement, handed to Calcite as the original text at its original position, so
 * Calcite's messages point into the script. The lexer therefore knows enough of SQL to never split
 * a query wrongly: string literals, quoted identifiers and comments are single tokens, and any
 * other character is an OTHER token.
 *
 * Scripts are split into statements at ';' tokens before parsing (see Script), so one statement
 * is parsed at a time (singleStatement) and a syntax error stops only its own statement.
 */
grammar SluiceStatement;

options { caseInsensitive = true; }

singleStatement
    : statement EOF
    ;

// Each statement's first keyword picks its rule, so an error after it lists what may follow.
statement
    : CREATE createStatement                                                       #create
    | DROP kind=(STREAM | TABLE | VIEW | SINK) ifExists? name=identifier           #drop
    | INSERT INTO target=identifier query                                          #insert
    | EXPLAIN kind=(LOGICAL | PHYSICAL | STATE)? query                             #explain
    | SHOW showStatement                                                           #show
    | DESCRIBE describeStatement                                                   #describe
    | STOP QUERY name=identifier                                                   #stopQuery
    | START QUERY name=identifier                                                  #startQuery
    | SET key=settingKey EQ value=literal                                          #set
    | RESET (ALL | key=settingKey)                                                 #reset
    | RUN runStatement                                                             #run
    | ADVANCE CLOCK duration                                                       #advanceClock
    | query                                                                        #select
    ;

createStatement
    : STREAM ifNotExists? name=identifier
        LPAREN streamElement (COMMA streamElement)* RPAREN withOptions?            #createStream
    | TABLE ifNotExists? name=identifier columnList? withOptions                   #createTableWith
    | TABLE ifNotExists? name=identifier columnList? AS query                      #createTableAs
    | (OR REPLACE)? VIEW ifNotExists? name=identifier AS query                     #createView
    | SINK ifNotExists? name=identifier withOptions                                #createSink
    ;

showStatement
    : what=(STREAMS | TABLES | VIEWS | SINKS | QUERIES | CONNECTORS | FUNCTIONS
        | SETTINGS)                                                                #showObjects
    | OUTPUT name=identifier                                                       #showOutput
    ;

describeStatement
    : QUERY name=identifier                                                        #describeQuery
    | name=identifier                                                              #describeObject
    ;

runStatement
    : BATCH name=identifier?                                                       #runBatch
    | UNTIL IDLE                                                                   #runUntilIdle
    ;

ifNotExists
    : IF NOT EXISTS
    ;

ifExists
    : IF EXISTS
    ;

streamElement
    : WATERMARK FOR column=identifier AS expression                                #watermark
    | columnDefinition                                                             #column
    ;

columnList
    : LPAREN columnDefinition (COMMA columnDefinition)* RPAREN
    ;

columnDefinition
    : name=identifier dataType (NOT NULL)?
    ;

// Any type CAST accepts: BIGINT, VARCHAR(20), DECIMAL(10, 2), TIMESTAMP(3), DOUBLE PRECISION ...
dataType
    : identifier+ (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RPAREN)? identifier*
    ;

// An SQL expression inside a list: tokens up to a ',' or ')' that is not nested in parentheses.
expression
    : (parenthesized | ~(COMMA | LPAREN | RPAREN))+
    ;

parenthesized
    : LPAREN (parenthesized | ~(LPAREN | RPAREN))* RPAREN
    ;

withOptions
    : WITH LPAREN option (COMMA option)* RPAREN
    ;

option
    : key=settingKey EQ value=literal
    ;

settingKey
    : identifier (DOT identifier)*
    | STRING
    ;

literal
    : STRING
    | MINUS? (INTEGER_VALUE | DECIMAL_VALUE)
    | TRUE
    | FALSE
    | identifier
    ;

duration
    : INTERVAL STRING unit=identifier
    | STRING
    ;

// Everything from here to the end of the statement; Calcite parses it.
query
    : (SELECT | WITH | VALUES | TABLE | LPAREN) .*?
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

// Statement keywords that still name things: a column may be called "state" or "output".
nonReserved
    : ADVANCE | ALL | BATCH | CLOCK | CONNECTORS | DESCRIBE | FUNCTIONS | IDLE | LOGICAL
    | OUTPUT | PHYSICAL | QUERIES | QUERY | REPLACE | RESET | RUN | SETTINGS | SINK | SINKS
    | START | STATE | STOP | STREAM | STREAMS | TABLES | UNTIL | VIEWS | WATERMARK
    ;

ADVANCE: 'ADVANCE';
ALL: 'ALL';
AS: 'AS';
BATCH: 'BATCH';
CLOCK: 'CLOCK';
CONNECTORS: 'CONNECTORS';
CREATE: 'CREATE';
DESCRIBE: 'DESCRIBE';
DROP: 'DROP';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
FALSE: 'FALSE';
FOR: 'FOR';
FUNCTIONS: 'FUNCTIONS';
IDLE: 'IDLE';
IF: 'IF';
INSERT: 'INSERT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
LOGICAL: 'LOGICAL';
NOT: 'NOT';
NULL: 'NULL';
OR: 'OR';
OUTPUT: 'OUTPUT';
PHYSICAL: 'PHYSICAL';
QUERIES: 'QUERIES';
QUERY: 'QUERY';
REPLACE: 'REPLACE';
RESET: 'RESET';
RUN: 'RUN';
SELECT: 'SELECT';
SET: 'SET';
SETTINGS: 'SETTINGS';
SHOW: 'SHOW';
SINK: 'SINK';
SINKS: 'SINKS';
START: 'START';
STATE: 'STATE';
STOP: 'STOP';
STREAM: 'STREAM';
STREAMS: 'STREAMS';
TABLE: 'TABLE';
TABLES: 'TABLES';
TRUE: 'TRUE';
UNTIL: 'UNTIL';
VALUES: 'VALUES';
VIEW: 'VIEW';
VIEWS: 'VIEWS';
WATERMARK: 'WATERMARK';
WITH: 'WITH';

SEMI: ';';
LPAREN: '(';
RPAREN: ')';
COMMA: ',';
DOT: '.';
EQ: '=';
MINUS: '-';

STRING: '\'' (~'\'' | '\'\'')* '\'';
QUOTED_IDENTIFIER: '"' (~'"' | '""')* '"';
BACKQUOTED_IDENTIFIER: '`' (~'`' | '``')* '`';

INTEGER_VALUE: DIGIT+;
DECIMAL_VALUE: DIGIT+ '.' DIGIT* EXPONENT? | '.' DIGIT+ EXPONENT? | DIGIT+ EXPONENT;

IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '$')*;

// A shell command: a backslash at the start of a statement, to the end of its line.
COMMAND: '\\' ~[\r\n]*;

LINE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN);
WS: [ \t\r\n\f]+ -> channel(HIDDEN);

// Text the script ends inside of; Script reports them instead of a statement.
UNCLOSED_STRING: '\'' (~'\'' | '\'\'')* EOF;
UNCLOSED_QUOTED_IDENTIFIER: '"' (~'"' | '""')* EOF;
UNCLOSED_COMMENT: '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;

OTHER: .;

fragment DIGIT: [0-9];
fragment LETTER: [a-z] | '\u0080'..'\uFFFE';
fragment EXPONENT: 'E' [+-]? DIGIT+;
