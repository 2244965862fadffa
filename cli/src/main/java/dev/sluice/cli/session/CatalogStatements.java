package dev.sluice.cli.session;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamReader;
import dev.sluice.api.SessionCatalog.CatalogObject;
import dev.sluice.api.SessionCatalog.Kind;
import dev.sluice.api.Sluice;
import dev.sluice.cli.statement.SourceText;
import dev.sluice.cli.statement.Statement;
import dev.sluice.cli.statement.Statement.ColumnDefinition;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements about streams, tables and views: {@code CREATE}, {@code DROP}, {@code SHOW},
 * {@code DESCRIBE}, and {@code INSERT INTO} a memory stream. Column types are whatever {@code CAST}
 * accepts: a declared type is checked by planning a cast to it.
 */
final class CatalogStatements {
  private final ShellSession session;
  private final Sluice sluice;

  CatalogStatements(ShellSession session) {
    this.session = session;
    this.sluice = session.sluice();
  }

  StatementResult createStream(Statement.CreateStream create) {
    if (session.isTaken(create.name(), create.ifNotExists())) {
      return ShellSession.kept(create.name());
    }
    Map<String, String> options = new LinkedHashMap<>(create.options());
    String connector = connector(options, "CREATE STREAM " + create.name() + " (...)");
    DataStreamReader reader = sluice.readStream().format(connector).options(options);
    declaredSchema(create.columns()).ifPresent(reader::schema);
    reader.register(create.name());
    try {
      create.watermark().ifPresent(w -> sluice.declareWatermark(create.name(), w.text()));
    } catch (SluiceException e) {
      sluice.catalog().drop(Kind.STREAM, create.name(), true); // the statement changes nothing
      throw at(e, create.watermark().get());
    }
    return new StatementResult.Done("created stream " + create.name());
  }

  StatementResult createTable(Statement.CreateTableWith create) {
    if (session.isTaken(create.name(), create.ifNotExists())) {
      return ShellSession.kept(create.name());
    }
    Map<String, String> options = new LinkedHashMap<>(create.options());
    String connector = connector(options, "CREATE TABLE " + create.name());
    DataStreamReader reader = sluice.read().format(connector).options(options);
    declaredSchema(create.columns()).ifPresent(reader::schema);
    reader.register(create.name());
    return new StatementResult.Done("created table " + create.name());
  }

  StatementResult createTable(Statement.CreateTableAs create) {
    if (session.isTaken(create.name(), create.ifNotExists())) {
      return ShellSession.kept(create.name());
    }
    Optional<Schema> declared = declaredSchema(create.columns());
    Schema schema;
    List<Row> rows;
    if (declared.isPresent()) {
      schema = declared.get();
      rows = rowsAs(create.query(), schema, "table " + create.name());
    } else {
      DataFrame query = staticQuery(create.query(), "CREATE TABLE ... AS");
      query.requireDistinctColumnNames("table " + create.name());
      schema = query.schema();
      rows = query.collectAsList();
    }
    sluice.createTable(create.name(), schema, rows);
    return new StatementResult.Done(
        "created table " + create.name() + " with " + rows.size() + plural(rows.size(), " row"));
  }

  StatementResult createView(Statement.CreateView create) {
    Optional<CatalogObject> existing = sluice.catalog().find(create.name());
    if (existing.isPresent() || session.isSink(create.name())) {
      boolean replaceable =
          create.orReplace() && existing.map(o -> o.kind() == Kind.VIEW).orElse(false);
      if (!replaceable) {
        if (create.ifNotExists()) {
          return ShellSession.kept(create.name());
        }
        throw session.duplicate(create.name());
      }
    }
    DataFrame query = sluice.sql(create.query().aligned());
    if (query.emitPolicy().isPresent()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "a view cannot have an EMIT clause (at "
              + create.query().start()
              + "): EMIT belongs to the query that reads the view, e.g. SELECT * FROM "
              + create.name()
              + " EMIT ON WINDOW CLOSE");
    }
    query.isStreaming(); // plans it: a view no query could run is refused now, not when used
    query.createOrReplaceTempView(create.name());
    return new StatementResult.Done(
        (existing.isPresent() ? "replaced view " : "created view ") + create.name());
  }

  StatementResult drop(Statement.Drop drop) {
    Kind kind = Kind.valueOf(drop.kind().name());
    boolean dropped = sluice.catalog().drop(kind, drop.name(), drop.ifExists());
    return new StatementResult.Done(
        dropped
            ? "dropped " + kind.word() + " " + drop.name()
            : "no " + kind.word() + " " + drop.name() + ": nothing dropped");
  }

  /** {@code INSERT INTO stream query}: a static query's rows appended to a memory stream. */
  StatementResult insertRows(Statement.Insert insert) {
    CatalogObject target =
        sluice
            .catalog()
            .find(insert.target())
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.UNKNOWN_TABLE,
                        "INSERT INTO names no sink or memory stream '"
                            + insert.target()
                            + "'; declare one with CREATE SINK "
                            + insert.target()
                            + " WITH (connector = 'memory') or CREATE STREAM "
                            + insert.target()
                            + " (...) WITH (connector = 'memory')"));
    MemoryStream stream =
        sluice
            .findMemoryStream(target.name())
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.UNSUPPORTED_FEATURE,
                        "'"
                            + target.name()
                            + "' is a "
                            + target.kind().word()
                            + (target.source().map(s -> " reading " + s).orElse(""))
                            + "; INSERT INTO adds rows only to a memory stream (connector ="
                            + " 'memory') or writes into a sink (CREATE SINK)"));
    DataFrame query = sluice.sql(insert.query().aligned());
    String what = "stream " + target.name();
    if (query.isStreaming()) {
      return session.feedStream(
          insert, target.name(), stream, castTo(insert.query(), query, stream.schema(), what));
    }
    List<Row> rows = castRows(insert.query(), query, stream.schema(), what);
    stream.addData(rows);
    return new StatementResult.Done(
        "added " + rows.size() + plural(rows.size(), " row") + " to " + target.name());
  }

  StatementResult describe(String name) {
    CatalogObject object = sluice.catalog().get(name);
    Schema schema =
        Schema.of(
            Field.notNull("column", SqlType.VARCHAR),
            Field.notNull("type", SqlType.VARCHAR),
            Field.notNull("nullable", SqlType.BOOLEAN),
            Field.nullable("watermark", SqlType.VARCHAR));
    Optional<String> eventTime =
        object.watermark().map(w -> w.substring("WATERMARK FOR ".length()));
    List<Row> rows = new ArrayList<>();
    for (Field field : object.schema().fields()) {
      String watermark =
          eventTime
              .filter(
                  w ->
                      w.regionMatches(true, 0, field.name() + " AS ", 0, field.name().length() + 4))
              .map(w -> w.substring(field.name().length() + 4))
              .orElse(null);
      rows.add(Row.of(field.name(), field.type().toString(), field.nullable(), watermark));
    }
    return new StatementResult.Rows(schema, rows, true);
  }

  StatementResult show(Statement.Listing what) {
    Schema named = Schema.of(Field.notNull("name", SqlType.VARCHAR));
    return switch (what) {
      case STREAMS -> {
        List<Row> rows = new ArrayList<>();
        for (CatalogObject stream : sluice.catalog().list(Kind.STREAM)) {
          rows.add(
              Row.of(stream.name(), stream.source().orElse(null), stream.watermark().orElse(null)));
        }
        yield new StatementResult.Rows(
            Schema.of(
                Field.notNull("name", SqlType.VARCHAR),
                Field.nullable("source", SqlType.VARCHAR),
                Field.nullable("watermark", SqlType.VARCHAR)),
            rows,
            true);
      }
      case TABLES -> {
        List<Row> rows = new ArrayList<>();
        for (CatalogObject table : sluice.catalog().list(Kind.TABLE)) {
          rows.add(Row.of(table.name(), table.source().orElse(null)));
        }
        yield new StatementResult.Rows(
            Schema.of(
                Field.notNull("name", SqlType.VARCHAR), Field.nullable("source", SqlType.VARCHAR)),
            rows,
            true);
      }
      case VIEWS -> {
        List<Row> rows = new ArrayList<>();
        for (CatalogObject view : sluice.catalog().list(Kind.VIEW)) {
          rows.add(Row.of(view.name(), sluice.table(view.name()).isStreaming()));
        }
        yield new StatementResult.Rows(
            Schema.of(
                Field.notNull("name", SqlType.VARCHAR),
                Field.notNull("streaming", SqlType.BOOLEAN)),
            rows,
            true);
      }
      case CONNECTORS -> {
        List<Row> rows = new ArrayList<>();
        sluice.sourceConnectors().forEach(name -> rows.add(Row.of(name, "source")));
        sluice.sinkConnectors().forEach(name -> rows.add(Row.of(name, "sink")));
        yield new StatementResult.Rows(
            Schema.of(
                Field.notNull("name", SqlType.VARCHAR), Field.notNull("kind", SqlType.VARCHAR)),
            rows,
            true);
      }
      case FUNCTIONS ->
          new StatementResult.Rows(
              named, sluice.functionNames().stream().map(n -> Row.of(n)).toList(), true);
      default -> throw new IllegalArgumentException("not a catalog listing: " + what);
    };
  }

  StatementResult showSettings(Settings settings) {
    List<Row> rows = new ArrayList<>();
    for (Settings.Value value : settings.all()) {
      rows.add(Row.of(value.key(), value.value(), value.defaultValue(), value.description()));
    }
    return new StatementResult.Rows(
        Schema.of(
            Field.notNull("key", SqlType.VARCHAR),
            Field.nullable("value", SqlType.VARCHAR),
            Field.nullable("default", SqlType.VARCHAR),
            Field.notNull("description", SqlType.VARCHAR)),
        rows,
        true);
  }

  /**
   * The rows of a static query, cast to {@code target}'s column types by position, as {@code INSERT
   * INTO} and {@code CREATE TABLE (columns) AS} store them.
   */
  private List<Row> rowsAs(SourceText text, Schema target, String what) {
    return castRows(text, staticQuery(text, "INSERT INTO " + what), target, what);
  }

  /** The rows of {@code query}, a static query planned from {@code text}, as {@link #rowsAs}. */
  private List<Row> castRows(SourceText text, DataFrame query, Schema target, String what) {
    List<Row> rows = sluice.sql(castTo(text, query, target, what)).collectAsList();
    for (int r = 0; r < rows.size(); r++) {
      Optional<String> nullColumn = nullInNotNullColumn(rows.get(r), target);
      if (nullColumn.isPresent()) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "row "
                + (r + 1)
                + " of the query at "
                + text.start()
                + " has NULL in column '"
                + nullColumn.get()
                + "', which "
                + what
                + " declares NOT NULL; nothing was added",
            text.start(),
            null);
      }
    }
    return rows;
  }

  /**
   * The SQL of {@code query} (planned from {@code text}) with each column cast to {@code target}'s
   * type and named as there.
   *
   * @throws SluiceException TYPE_MISMATCH if the column counts differ
   */
  String castTo(SourceText text, DataFrame query, Schema target, String what) {
    if (query.schema().size() != target.size()) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "the query at "
              + text.start()
              + " gives "
              + query.schema().size()
              + plural(query.schema().size(), " column")
              + " "
              + query.schema().names()
              + ", but "
              + what
              + " has "
              + target.size()
              + ": "
              + target,
          text.start(),
          null);
    }
    List<String> casts = new ArrayList<>();
    List<String> positions = new ArrayList<>();
    for (int i = 0; i < target.size(); i++) {
      positions.add("\"c" + i + "\"");
      casts.add(
          "CAST(\"c"
              + i
              + "\" AS "
              + target.field(i).type()
              + ") AS \""
              + target.field(i).name()
              + "\"");
    }
    return "SELECT "
        + String.join(", ", casts)
        + " FROM ("
        + text.text()
        + ") AS \"rows\"("
        + String.join(", ", positions)
        + ")";
  }

  /** The first column of {@code row} that is NULL where {@code schema} says NOT NULL. */
  static Optional<String> nullInNotNullColumn(Row row, Schema schema) {
    for (int c = 0; c < schema.size(); c++) {
      if (row.get(c) == null && !schema.field(c).nullable()) {
        return Optional.of(schema.field(c).name());
      }
    }
    return Optional.empty();
  }

  private DataFrame staticQuery(SourceText text, String what) {
    DataFrame query = sluice.sql(text.aligned());
    if (query.isStreaming()) {
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_STREAMING_OPERATION,
          what
              + " takes the rows of a query over tables or VALUES, and the query at "
              + text.start()
              + " reads a stream; to write a stream's rows somewhere, CREATE SINK and INSERT INTO"
              + " it",
          text.start(),
          null);
    }
    return query;
  }

  /** The declared columns as a schema, each type checked by planning a cast to it. */
  private Optional<Schema> declaredSchema(List<ColumnDefinition> columns) {
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<Field> fields = new ArrayList<>();
    for (ColumnDefinition column : columns) {
      if (fields.stream().anyMatch(f -> f.name().equalsIgnoreCase(column.name()))) {
        throw new SluiceException(
            ErrorCode.DUPLICATE_OBJECT,
            "column '"
                + column.name()
                + "' is declared twice (again at "
                + column.type().start()
                + ")",
            column.type().start(),
            null);
      }
      fields.add(new Field(column.name(), typeOf(column), !column.notNull()));
    }
    return Optional.of(new Schema(fields));
  }

  private SqlType typeOf(ColumnDefinition column) {
    try {
      return sluice
          .sql("SELECT CAST(NULL AS " + column.type().text() + ") AS \"t\"")
          .schema()
          .field(0)
          .type();
    } catch (SluiceException e) {
      // The position in the message is inside the probing cast, not the script: drop it.
      String reason = e.getMessage().replaceAll(" ?\\((at )?line \\d+, column \\d+\\)", "");
      throw new SluiceException(
          e.code(),
          "column '"
              + column.name()
              + "' has type "
              + column.type().text()
              + " (at "
              + column.type().start()
              + "), which is not a type Sluice supports: "
              + reason,
          column.type().start(),
          e);
    }
  }

  /** Removes and returns the {@code connector} option, which every connector statement needs. */
  private String connector(Map<String, String> options, String statement) {
    return ShellSession.takeConnector(options)
        .orElseThrow(
            () ->
                new SluiceException(
                    ErrorCode.MISSING_OPTION,
                    statement
                        + " needs WITH (connector = '...'); the connectors are "
                        + String.join(", ", sluice.sourceConnectors())));
  }

  /** {@code e} with the position of the clause it came from, when it had none of its own. */
  private static SluiceException at(SluiceException e, SourceText clause) {
    return e.position().isPresent()
        ? e
        : new SluiceException(
            e.code(), e.getMessage() + " (at " + clause.start() + ")", clause.start(), e);
  }

  static String plural(long count, String noun) {
    return count == 1 ? noun : noun + "s";
  }
}
