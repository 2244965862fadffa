package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.error.TextPosition;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.MetadataHandlerProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;

/**
 * The session's Calcite plumbing: parser, validator and SQL-to-relational conversion over the live
 * catalog, all sharing one type factory and one {@link RelOptCluster}, so plans from SQL, from
 * DataFrames and from views can be combined freely. Calcite errors become {@link SluiceException}s
 * with a code, the position, and a suggestion where a name is close to a known one.
 *
 * <p>The function library is Calcite's standard operator table plus {@code SPLIT(string,
 * delimiter)} (from Calcite's BigQuery library) plus the session's UDFs, with Sluice's own window
 * table functions ({@link WindowTableFunction}) in place of Calcite's TUMBLE and HOP.
 */
public final class SqlFrontEnd {
  /**
   * The functions of Calcite's operator table that Sluice runs (docs/functions.md): Calcite knows
   * many more, which planning refuses, so listing them (SHOW FUNCTIONS, completion) would mislead.
   * Keep in step with {@code RexToExpression} and the aggregate and window translations.
   */
  static final Set<String> BUILT_IN_FUNCTIONS =
      Set.of(
          "ABS",
          "APPROX_COUNT_DISTINCT",
          "AVG",
          "CARDINALITY",
          "CAST",
          "CEIL",
          "CHARACTER_LENGTH",
          "CHAR_LENGTH",
          "COALESCE",
          "COUNT",
          "CUMULATE",
          "EXTRACT",
          "FLOOR",
          "HOP",
          "LOWER",
          "MAX",
          "MIN",
          "MOD",
          "NULLIF",
          "OCTET_LENGTH",
          "POSITION",
          "REPLACE",
          "SESSION",
          "SPLIT",
          "SUBSTRING",
          "SUM",
          "TIMESTAMPADD",
          "TRIM",
          "TUMBLE",
          "UPPER");

  private static final Pattern NOT_FOUND =
      Pattern.compile("(?:Object|Table) '([^']+)' not found.*");
  private static final Pattern COLUMN_NOT_FOUND = Pattern.compile("Column '([^']+)' not found.*");

  /** Calcite's refusal of a one-argument function that takes numbers only (SUM, AVG). */
  private static final Pattern NOT_NUMERIC =
      Pattern.compile(
          "Cannot apply '(\\w+)' to arguments of type '\\1\\(<(.+)>\\)'\\."
              + " Supported form\\(s\\): '\\1\\(<NUMERIC>\\)'");

  private static final Pattern NO_FUNCTION =
      Pattern.compile("No match found for function signature ([^(]+)\\(.*");

  private final Catalog catalog;
  private final JavaTypeFactoryImpl typeFactory =
      new JavaTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
  private final RelOptCluster cluster;
  private final CalciteCatalogReader catalogReader;
  private final java.util.Map<String, SqlOperator> udfs =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final SqlOperatorTable builtIns =
      SqlOperatorTables.chain(
          new WithoutCalciteWindows(SqlStdOperatorTable.instance()),
          SqlOperatorTables.of(
              SqlLibraryOperators.SPLIT,
              WindowTableFunction.TUMBLE,
              WindowTableFunction.HOP,
              WindowTableFunction.CUMULATE,
              SessionTableFunction.INSTANCE));

  public SqlFrontEnd(Catalog catalog) {
    this.catalog = catalog;
    CalciteSchema root =
        CalciteSchema.createRootSchema(false, false, "", new CatalogSchema(catalog));
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
    this.catalogReader = new CalciteCatalogReader(root, List.of(), typeFactory, config);
    VolcanoPlanner planner = new VolcanoPlanner();
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    // Constant expressions are evaluated by Sluice's kernels, never folded by Calcite's own
    // evaluator: its semantics differ (CAST rounding, errors), and one engine decides results.
    planner.setExecutor((rexBuilder, constants, reduced) -> reduced.addAll(constants));
    this.cluster = RelOptCluster.create(planner, new SluiceRexBuilder(typeFactory));
    // Calcite keeps the metadata handler provider in a thread-local that only the creating thread
    // has; queries plan on other threads too (foreachBatch), so give the cluster its own.
    MetadataHandlerProvider metadata =
        JaninoRelMetadataProvider.of(DefaultRelMetadataProvider.INSTANCE);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(metadata));
  }

  private SqlOperatorTable operators() {
    return SqlOperatorTables.chain(builtIns, SqlOperatorTables.of(new ArrayList<>(udfs.values())));
  }

  public RelOptCluster cluster() {
    return cluster;
  }

  public RelBuilder relBuilder() {
    return RelBuilder.proto(org.apache.calcite.plan.Contexts.empty())
        .create(cluster, catalogReader);
  }

  /** Makes a UDF callable from SQL (and, through it, from DataFrame expressions). */
  public void registerUdf(UdfSignature signature) {
    List<RelDataType> parameters = new ArrayList<>();
    List<SqlTypeFamily> families = new ArrayList<>();
    for (var type : signature.parameterTypes()) {
      RelDataType relType = CalciteTypes.toRelType(type, true, typeFactory);
      parameters.add(relType);
      families.add(relType.getSqlTypeName().getFamily());
    }
    RelDataType returnType = CalciteTypes.toRelType(signature.returnType(), true, typeFactory);
    String name = signature.name().toUpperCase(Locale.ROOT);
    udfs.put(name, new UdfOperator(name, signature, parameters, families, returnType));
  }

  /** The operator of the UDF registered under {@code name}, if any. */
  public java.util.Optional<SqlOperator> udf(String name) {
    return java.util.Optional.ofNullable(udfs.get(name.toUpperCase(Locale.ROOT)));
  }

  public static SqlParser.Config parserConfig() {
    return SqlParser.config()
        .withQuoting(Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withConformance(SqlConformanceEnum.LENIENT);
  }

  /**
   * A validated query's logical plan, and the first column whose name its select list gave an
   * earlier column too ({@code SELECT 1 AS a, 2 AS a}), if any: the plan names that one {@code a0},
   * as Calcite makes names unique, which a view or table must not do behind the user's back.
   */
  public record Query(RelNode plan, Optional<RepeatedColumn> repeatedColumn) {}

  /** A column name given twice, compared as SQL compares names; the position of the second. */
  public record RepeatedColumn(String name, Optional<TextPosition> position) {}

  /** Parses, validates and converts one query to a logical plan (with output names applied). */
  public RelNode toRel(String sql) {
    return toQuery(sql).plan();
  }

  /** {@link #toRel}, also telling whether the select list named two columns alike. */
  public Query toQuery(String sql) {
    SqlNode parsed = parseQuery(sql);
    SqlValidator validator = newValidator(catalogReader);
    SqlNode validated;
    try {
      validated = validator.validate(parsed);
    } catch (CalciteContextException e) {
      throw translate(e);
    }
    QueryHints.check(validated, validator);
    SqlToRelConverter converter =
        new SqlToRelConverter(
            (rowType, queryString, schemaPath, viewPath) -> {
              throw new UnsupportedOperationException("SQL text views are expanded by the catalog");
            },
            validator,
            catalogReader,
            cluster,
            StandardConvertletTable.INSTANCE,
            SqlToRelConverter.config()
                .withTrimUnusedFields(false)
                .withExpand(false)
                .withHintStrategyTable(QueryHints.STRATEGIES));
    try {
      RelRoot root = converter.convertQuery(validated, false, true);
      return new Query(root.project(), repeatedColumn(validated, validator));
    } catch (CalciteContextException e) {
      throw translate(e);
    }
  }

  /** The validated row type still has the names as written; the plan's are made unique. */
  private static Optional<RepeatedColumn> repeatedColumn(
      SqlNode validated, SqlValidator validator) {
    List<String> names = validator.getValidatedNodeType(validated).getFieldNames();
    for (int i = 1; i < names.size(); i++) {
      for (int earlier = 0; earlier < i; earlier++) {
        if (names.get(earlier).equalsIgnoreCase(names.get(i))) {
          Optional<TextPosition> position = Optional.empty();
          if (validated instanceof SqlSelect select
              && select.getSelectList().size() == names.size()) {
            SqlParserPos pos = select.getSelectList().get(i).getParserPosition();
            if (pos.getLineNum() > 0 && pos.getColumnNum() > 0) {
              position = Optional.of(new TextPosition(pos.getLineNum(), pos.getColumnNum()));
            }
          }
          return Optional.of(new RepeatedColumn(names.get(i), position));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Validates SQL expressions over the columns of {@code input} and returns them as row expressions
   * whose column indexes are {@code input}'s. They are checked against a placeholder table of
   * exactly {@code input}'s row type, so nothing Calcite does to plans can shift an index.
   */
  public List<RexNode> expressionsOver(RelDataType inputType, String selectList) {
    String placeholder = "__input";
    CalciteSchema root = CalciteSchema.createRootSchema(false, false);
    root.add(
        placeholder,
        new org.apache.calcite.schema.impl.AbstractTable() {
          @Override
          public RelDataType getRowType(org.apache.calcite.rel.type.RelDataTypeFactory factory) {
            return inputType;
          }
        });
    CalciteCatalogReader reader =
        new CalciteCatalogReader(root, List.of(), typeFactory, catalogReader.getConfig());
    SqlNode parsed = parseQuery("SELECT " + selectList + " FROM \"" + placeholder + "\"");
    SqlValidator validator = newValidator(reader);
    try {
      SqlNode validated = validator.validate(parsed);
      SqlToRelConverter converter =
          new SqlToRelConverter(
              (rowType, queryString, schemaPath, viewPath) -> {
                throw new UnsupportedOperationException("no views in expressions");
              },
              validator,
              reader,
              cluster,
              StandardConvertletTable.INSTANCE,
              SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
      RelNode rel = converter.convertQuery(validated, false, true).project();
      if (rel instanceof org.apache.calcite.rel.core.Project project
          && project.getInput() instanceof org.apache.calcite.rel.core.TableScan) {
        return project.getProjects();
      }
      if (rel instanceof org.apache.calcite.rel.core.TableScan) {
        return cluster.getRexBuilder().identityProjects(inputType);
      }
      throw new SluiceException(
          ErrorCode.UNSUPPORTED_FEATURE,
          "'"
              + selectList
              + "' must be scalar expressions over the columns, without aggregates or subqueries");
    } catch (CalciteContextException e) {
      throw translate(e);
    }
  }

  public SqlNode parseQuery(String sql) {
    try {
      return PartitionedSessions.apply(
          NameSelectItems.apply(
              DecimalPrecisionLimit.check(SqlParser.create(sql, parserConfig()).parseQuery())));
    } catch (SqlParseException e) {
      throw syntaxError(e);
    }
  }

  private static final Pattern ENCOUNTERED =
      Pattern.compile("Encountered \"(.*?)\" at line \\d+, column \\d+\\.?.*", Pattern.DOTALL);

  private static SluiceException syntaxError(SqlParseException e) {
    var pos = e.getPos();
    String where =
        pos == null ? "" : " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher m = ENCOUNTERED.matcher(message);
    String detail;
    if (m.matches()) {
      String token = m.group(1).trim();
      detail = token.isEmpty() ? "unexpected end of the statement" : "unexpected '" + token + "'";
      if (token.matches("[A-Za-z_]+")) {
        detail +=
            " (if '"
                + token
                + "' is meant as a name, it is a reserved word: quote it as \""
                + token
                + "\")";
      }
    } else {
      detail = message.lines().findFirst().orElse("syntax error");
    }
    TextPosition position =
        pos == null || pos.getLineNum() < 1 || pos.getColumnNum() < 1
            ? null
            : new TextPosition(pos.getLineNum(), pos.getColumnNum());
    return new SluiceException(
        ErrorCode.SYNTAX_ERROR, "syntax error" + where + ": " + detail, position, e);
  }

  private SqlValidator newValidator(CalciteCatalogReader reader) {
    return SqlValidatorUtil.newValidator(
        SqlOperatorTables.chain(operators(), reader),
        reader,
        typeFactory,
        SqlValidator.Config.DEFAULT
            .withTypeCoercionFactory(NumericAggregateArguments::new)
            .withIdentifierExpansion(true)
            .withConformance(SqlConformanceEnum.LENIENT));
  }

  /** {@link #describe}'s error, with the position Calcite reported. */
  private SluiceException translate(CalciteContextException e) {
    SluiceException described = describe(e);
    if (e.getPosLine() < 1 || e.getPosColumn() < 1) {
      return described;
    }
    return new SluiceException(
        described.code(),
        described.getMessage(),
        new TextPosition(e.getPosLine(), e.getPosColumn()),
        e);
  }

  private SluiceException describe(CalciteContextException e) {
    String message =
        e.getCause() != null && e.getCause().getMessage() != null
            ? e.getCause().getMessage()
            : e.getMessage();
    String where = " (line " + e.getPosLine() + ", column " + e.getPosColumn() + ")";
    Matcher m;
    if ((m = NOT_FOUND.matcher(message)).matches()) {
      String name = m.group(1);
      return new SluiceException(
          ErrorCode.UNKNOWN_TABLE,
          "unknown stream or table '"
              + name
              + "'"
              + where
              + "."
              + Suggestions.didYouMean(name, catalog.names())
              + " Known: "
              + String.join(", ", catalog.names()),
          e);
    }
    if ((m = COLUMN_NOT_FOUND.matcher(message)).matches()) {
      String name = m.group(1);
      return new SluiceException(
          ErrorCode.UNKNOWN_COLUMN,
          "unknown column '"
              + name
              + "'"
              + where
              + "."
              + Suggestions.didYouMean(name, knownColumns()),
          e);
    }
    if ((m = NO_FUNCTION.matcher(message)).matches()) {
      String name = m.group(1).trim();
      return new SluiceException(
          ErrorCode.UNKNOWN_FUNCTION,
          "unknown function "
              + name
              + where
              + " (or wrong argument types): "
              + message
              + "."
              + Suggestions.didYouMean(name, functionNames()),
          e);
    }
    if ((m = NOT_NUMERIC.matcher(message)).matches()) {
      return NumericAggregateArguments.refused(m.group(1), m.group(2), where);
    }
    if (message.startsWith("Cannot apply")
        || message.contains("annot assign")
        || message.contains("type")) {
      return new SluiceException(ErrorCode.TYPE_MISMATCH, message + where, e);
    }
    if (message.contains("ambiguous")) {
      return new SluiceException(ErrorCode.AMBIGUOUS_COLUMN, message + where, e);
    }
    return new SluiceException(ErrorCode.SYNTAX_ERROR, message + where, e);
  }

  private Set<String> knownColumns() {
    Set<String> names = new TreeSet<>();
    for (CatalogEntry entry : catalog.entries()) {
      names.addAll(entry.schema().names());
    }
    return names;
  }

  /** The functions SQL can call: built-in and registered user functions, by name. */
  public Set<String> functionNames() {
    Set<String> names = new TreeSet<>();
    for (SqlOperator op : operators().getOperatorList()) {
      if (op instanceof UdfOperator
          || (op instanceof SqlFunction && BUILT_IN_FUNCTIONS.contains(op.getName()))) {
        names.add(op.getName());
      }
    }
    return names;
  }
}
