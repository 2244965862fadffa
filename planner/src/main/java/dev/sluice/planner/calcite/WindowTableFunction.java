package dev.sluice.planner.calcite;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.plan.WindowAssignSpec.Kind;
import dev.sluice.planner.logical.WindowShape;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The window table functions Sluice runs: {@code TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])},
 * {@code HOP(TABLE t, DESCRIPTOR(ts), slide, size [, offset])} and {@code CUMULATE(TABLE t,
 * DESCRIPTOR(ts), step, size [, offset])}. They replace Calcite's own TUMBLE and HOP (Calcite 1.42
 * has no CUMULATE) for two reasons: the result gets Flink's third column {@code window_time} (=
 * {@code window_end} − 1 ms, a time inside the window that a later window can be assigned by), and
 * the arguments are checked when the query is validated, so each error points at the argument that
 * is wrong.
 */
public final class WindowTableFunction extends SqlWindowTableFunction {
  public static final WindowTableFunction TUMBLE = new WindowTableFunction(Kind.TUMBLE);
  public static final WindowTableFunction HOP = new WindowTableFunction(Kind.HOP);
  public static final WindowTableFunction CUMULATE = new WindowTableFunction(Kind.CUMULATE);

  public static final List<String> WINDOW_COLUMNS =
      List.of("window_start", "window_end", "window_time");

  // Not "kind": SqlOperator already has a public field of that name (the SqlKind).
  private final Kind windowKind;

  private WindowTableFunction(Kind windowKind) {
    super(windowKind.name(), new Operands(windowKind));
    this.windowKind = windowKind;
  }

  public Kind windowKind() {
    return windowKind;
  }

  public static WindowTableFunction of(Kind kind) {
    return switch (kind) {
      case TUMBLE -> TUMBLE;
      case HOP -> HOP;
      case CUMULATE -> CUMULATE;
    };
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return binding -> rowType(binding.getTypeFactory(), binding.getOperandType(0));
  }

  /** The input's columns followed by the three window columns, TIMESTAMP(3) NOT NULL. */
  public static RelDataType rowType(RelDataTypeFactory factory, RelDataType input) {
    RelDataTypeFactory.Builder builder =
        factory.builder().kind(input.getStructKind()).addAll(input.getFieldList());
    for (String column : WINDOW_COLUMNS) {
      builder.add(column, SqlTypeName.TIMESTAMP, 3);
    }
    return builder.build();
  }

  /**
   * The same logical node the SQL form produces: a table function scan of this window function over
   * {@code input}, with the time column {@code timeColumn} (for the DataFrame API).
   */
  public static RelNode scan(RelNode input, int timeColumn, WindowShape shape) {
    RexBuilder rex = input.getCluster().getRexBuilder();
    List<RexNode> operands = new ArrayList<>();
    operands.add(rex.makeCall(SqlStdOperatorTable.DESCRIPTOR, rex.makeInputRef(input, timeColumn)));
    if (shape.kind() != Kind.TUMBLE) {
      operands.add(interval(rex, shape.slideMillis()));
    }
    operands.add(interval(rex, shape.sizeMillis()));
    if (shape.offsetMillis() != 0) {
      operands.add(interval(rex, shape.offsetMillis()));
    }
    RelDataType rowType = rowType(rex.getTypeFactory(), input.getRowType());
    RexNode call = rex.makeCall(rowType, of(shape.kind()), operands);
    return LogicalTableFunctionScan.create(
        input.getCluster(), List.of(input), call, null, rowType, null);
  }

  private static RexNode interval(RexBuilder rex, long millis) {
    return rex.makeIntervalLiteral(
        BigDecimal.valueOf(millis),
        new SqlIntervalQualifier(TimeUnit.SECOND, null, SqlParserPos.ZERO));
  }

  /** {@code " (line L, column C)"}, or nothing for a node that was not parsed from text. */
  public static String position(SqlParserPos pos) {
    return pos == null || pos.getLineNum() == 0
        ? ""
        : " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")";
  }

  /**
   * Checks the arguments while the query is validated: a table, a DESCRIPTOR naming one TIMESTAMP
   * column of it, and constant day-time intervals that {@link WindowShape} accepts.
   */
  static final class Operands implements SqlOperandMetadata {
    private final Kind kind;
    private final List<String> names;

    Operands(Kind kind) {
      this.kind = kind;
      this.names =
          kind == Kind.TUMBLE
              ? List.of("DATA", "TIMECOL", "SIZE", "OFFSET")
              : List.of(
                  "DATA",
                  "TIMECOL",
                  WindowShape.slideName(kind).toUpperCase(Locale.ROOT),
                  "SIZE",
                  "OFFSET");
    }

    @Override
    public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
      return Collections.nCopies(names.size(), typeFactory.createSqlType(SqlTypeName.ANY));
    }

    @Override
    public List<String> paramNames() {
      return names;
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.between(names.size() - 1, names.size());
    }

    @Override
    public boolean isOptional(int i) {
      return i == names.size() - 1;
    }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) {
      return kind == Kind.TUMBLE
          ? "TUMBLE(TABLE table, DESCRIPTOR(time_column), size INTERVAL [, offset INTERVAL])"
          : kind
              + "(TABLE table, DESCRIPTOR(time_column), "
              + WindowShape.slideName(kind)
              + " INTERVAL, size INTERVAL [, offset INTERVAL])";
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      RelDataType table = binding.getValidator().getValidatedNodeType(binding.operand(0));
      if (table.getSqlTypeName() != SqlTypeName.ROW
          || binding.operand(1).getKind() != SqlKind.DESCRIPTOR) {
        if (throwOnFailure) {
          throw binding.newValidationSignatureError();
        }
        return false;
      }
      checkTimeColumn(kind.name(), (SqlCall) binding.operand(1), table);
      List<Long> millis = new ArrayList<>();
      for (int i = 2; i < binding.getOperandCount(); i++) {
        millis.add(
            intervalMillis(kind.name(), binding.operand(i), names.get(i).toLowerCase(Locale.ROOT)));
      }
      long size = kind == Kind.TUMBLE ? millis.get(0) : millis.get(1);
      long slide = kind == Kind.TUMBLE ? size : millis.get(0);
      int offsetIndex = kind == Kind.TUMBLE ? 1 : 2;
      long offset = millis.size() > offsetIndex ? millis.get(offsetIndex) : 0;
      WindowShape.checked(
          kind,
          size,
          slide,
          offset,
          argument ->
              position(
                  binding
                      .operand(names.indexOf(argument.toUpperCase(Locale.ROOT)))
                      .getParserPosition()));
      return true;
    }

    /** Checks that {@code descriptor} names one TIMESTAMP column of {@code table}. */
    static void checkTimeColumn(String kind, SqlCall descriptor, RelDataType table) {
      List<SqlNode> columns = descriptor.getOperandList();
      if (columns.size() != 1) {
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            kind
                + " takes one time column in DESCRIPTOR(...), not "
                + columns.size()
                + position(descriptor.getParserPosition()));
      }
      SqlIdentifier column = (SqlIdentifier) columns.get(0);
      RelDataTypeField field = checkColumn(kind, column, table, "DESCRIPTOR");
      if (field.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
        throw new SluiceException(
            ErrorCode.TYPE_MISMATCH,
            "the time column '"
                + field.getName()
                + "' of "
                + kind
                + " is "
                + field.getType().getFullTypeString().replace(" NOT NULL", "")
                + position(column.getParserPosition())
                + ", but windows need a TIMESTAMP column; name a TIMESTAMP column, or convert one"
                + " in a subquery: "
                + kind
                + "((SELECT *, CAST(... AS TIMESTAMP) AS ts FROM t), DESCRIPTOR(ts), ...)");
      }
    }

    /** The field of {@code table} that {@code column} names, or UNKNOWN_COLUMN. */
    static RelDataTypeField checkColumn(
        String kind, SqlIdentifier column, RelDataType table, String argument) {
      RelDataTypeField field = findField(table, column.getSimple());
      if (field == null) {
        throw new SluiceException(
            ErrorCode.UNKNOWN_COLUMN,
            "unknown column '"
                + column.getSimple()
                + "' in "
                + argument
                + " of "
                + kind
                + position(column.getParserPosition())
                + "; the columns are "
                + table.getFieldNames()
                + "."
                + Suggestions.didYouMean(column.getSimple(), table.getFieldNames()));
      }
      return field;
    }

    private static RelDataTypeField findField(RelDataType table, String name) {
      for (RelDataTypeField field : table.getFieldList()) {
        if (field.getName().equalsIgnoreCase(name)) {
          return field;
        }
      }
      return null;
    }

    /** The milliseconds of a constant day-time interval argument of function {@code kind}. */
    static long intervalMillis(String kind, SqlNode operand, String argument) {
      if (!(operand instanceof SqlLiteral literal)
          || literal.getTypeName().getFamily() != SqlTypeFamily.INTERVAL_DAY_TIME) {
        boolean months =
            operand instanceof SqlLiteral literal
                && literal.getTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
        throw new SluiceException(
            ErrorCode.INVALID_ARGUMENT,
            "the "
                + argument
                + " of "
                + kind
                + " must be a constant day-time interval such as INTERVAL '10' SECOND, not "
                + operand
                + position(operand.getParserPosition())
                + (months ? " (months and years have no fixed length; use days)" : ""));
      }
      return literal.getValueAs(Long.class);
    }
  }
}
