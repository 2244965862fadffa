package dev.sluice.cli.statement;

import dev.sluice.execution.error.TextPosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed statement of the statement language ({@code SluiceStatement.g4}). Names are as written,
 * without quotes (the catalog compares them case-insensitively); queries are kept as text for
 * Calcite.
 */
public sealed interface Statement {

  /** What {@code DROP} and {@code SHOW} name. */
  enum ObjectKind {
    STREAM,
    TABLE,
    VIEW,
    SINK
  }

  /** What {@code SHOW} lists. */
  enum Listing {
    STREAMS,
    TABLES,
    VIEWS,
    SINKS,
    QUERIES,
    CONNECTORS,
    FUNCTIONS,
    SETTINGS
  }

  /** What {@code EXPLAIN} shows. */
  enum ExplainLevel {
    LOGICAL,
    PHYSICAL,
    STATE
  }

  /** A column of {@code CREATE STREAM} or {@code CREATE TABLE}: {@code name type [NOT NULL]}. */
  record ColumnDefinition(String name, SourceText type, boolean notNull) {}

  /** {@code CREATE STREAM [IF NOT EXISTS] name (columns, [WATERMARK FOR ...]) [WITH (...)]}. */
  record CreateStream(
      String name,
      boolean ifNotExists,
      List<ColumnDefinition> columns,
      Optional<SourceText> watermark,
      Map<String, String> options,
      TextPosition optionsStart)
      implements Statement {}

  /**
   * {@code CREATE TABLE [IF NOT EXISTS] name [(columns)] WITH (...)}: a table a connector reads.
   */
  record CreateTableWith(
      String name,
      boolean ifNotExists,
      List<ColumnDefinition> columns,
      Map<String, String> options,
      TextPosition optionsStart)
      implements Statement {}

  /** {@code CREATE TABLE [IF NOT EXISTS] name [(columns)] AS query}: a query's rows, kept. */
  record CreateTableAs(
      String name, boolean ifNotExists, List<ColumnDefinition> columns, SourceText query)
      implements Statement {}

  /** {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name AS query}. */
  record CreateView(String name, boolean orReplace, boolean ifNotExists, SourceText query)
      implements Statement {}

  /** {@code CREATE SINK [IF NOT EXISTS] name WITH (connector = ..., ...)}. */
  record CreateSink(
      String name, boolean ifNotExists, Map<String, String> options, TextPosition optionsStart)
      implements Statement {}

  /** {@code DROP STREAM|TABLE|VIEW|SINK [IF EXISTS] name}. */
  record Drop(ObjectKind kind, String name, boolean ifExists) implements Statement {}

  /**
   * {@code INSERT INTO target query}: rows into a memory stream or table, or a background query
   * writing into a sink.
   */
  record Insert(String target, SourceText query) implements Statement {}

  /** {@code EXPLAIN [LOGICAL | PHYSICAL | STATE] query} (PHYSICAL when no level is given). */
  record Explain(ExplainLevel level, SourceText query) implements Statement {}

  /** {@code SHOW STREAMS | TABLES | ... | SETTINGS}. */
  record Show(Listing what) implements Statement {}

  /** {@code SHOW OUTPUT query}: what the query's sink received, batch by batch. */
  record ShowOutput(String query) implements Statement {}

  /** {@code DESCRIBE name}: the columns of a stream, table, view or sink. */
  record Describe(String name) implements Statement {}

  /** {@code DESCRIBE QUERY name}: a query's state, progress, watermark and state size. */
  record DescribeQuery(String query) implements Statement {}

  /** {@code STOP QUERY name}. */
  record StopQuery(String query) implements Statement {}

  /** {@code START QUERY name}: starts a stopped query again from its checkpoint. */
  record StartQuery(String query) implements Statement {}

  /** {@code SET key = value}. */
  record Set(String key, String value) implements Statement {}

  /** {@code RESET key}, or {@code RESET ALL} (key null). */
  record Reset(Optional<String> key) implements Statement {}

  /** {@code RUN BATCH [query]}: one micro-batch of one query, or of each running query. */
  record RunBatch(Optional<String> query) implements Statement {}

  /** {@code RUN UNTIL IDLE}: micro-batches of every running query until none has anything to do. */
  record RunUntilIdle() implements Statement {}

  /** {@code ADVANCE CLOCK INTERVAL '10' SECOND}. */
  record AdvanceClock(Duration duration) implements Statement {}

  /** A query on its own: {@code SELECT ...}, {@code WITH ...}, {@code VALUES ...}. */
  record Query(SourceText query) implements Statement {}

  /** A shell command: {@code \help}, {@code \i file.sql}, {@code \q}. */
  record Command(String name, String argument) implements Statement {}
}
