package dev.sluice.execution.expression.codegen;

import static dev.sluice.execution.expression.codegen.JavaTypes.RUNTIME;
import static dev.sluice.execution.expression.codegen.JavaTypes.box;
import static dev.sluice.execution.expression.codegen.JavaTypes.defaultValue;
import static dev.sluice.execution.expression.codegen.JavaTypes.javaType;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.Call;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.Function;
import dev.sluice.execution.expression.Literal;
import dev.sluice.execution.expression.ScalarUdf;
import dev.sluice.execution.expression.runtime.LikePatterns;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.execution.type.TypeKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the Java source of one {@link CalcKernel}: a loop over the rows of a chunk whose body
 * evaluates the condition and projections inline, with unboxed locals and an explicit null flag per
 * value. Only the pieces a SQL NULL or short-circuit needs are lazy (AND, OR, CASE, COALESCE);
 * every other call is strict. Objects the code needs (patterns, wide decimals, UDFs, strings) are
 * passed in as typed fields, never re-created per row.
 *
 * <p>One instance generates one class and is then discarded.
 */
final class KernelGenerator {
  private final Schema input;
  private final Map<String, ScalarUdf> udfs;
  private final List<Object> refs = new ArrayList<>();
  private final List<String> refTypes = new ArrayList<>();
  private final Map<Integer, Value> readColumns = new HashMap<>();
  private final java.util.Set<Integer> copiedColumns = new java.util.HashSet<>();
  private StringBuilder prelude;
  private StringBuilder code;
  private int counter;

  /** A generated value: Java expressions (usually local names) for its value and null flag. */
  record Value(String value, String isNull, SqlType type) {}

  private final java.util.Set<Integer> checkedDecimalColumns;

  /**
   * @param checkedDecimalColumns input columns declared compact DECIMAL here but wide in the data
   *     (see {@link DecimalNarrowing}): each value read is checked to fit
   */
  KernelGenerator(
      Schema input, Map<String, ScalarUdf> udfs, java.util.Set<Integer> checkedDecimalColumns) {
    this.input = input;
    this.udfs = udfs;
    this.checkedDecimalColumns = checkedDecimalColumns;
  }

  List<Object> refs() {
    return refs;
  }

  String generate(String className, Expression condition, List<Expression> projections) {
    StringBuilder loop = new StringBuilder();
    if (condition != null) {
      beginBlock();
      Value c = generate(condition);
      loop.append(prelude).append(code);
      loop.append("      if (")
          .append(c.isNull())
          .append(" || !")
          .append(c.value())
          .append(") continue;\n");
    }
    beginBlock();
    List<Value> values = new ArrayList<>();
    for (Expression projection : projections) {
      values.add(isVectorCopy(projection) ? null : generate(projection));
    }
    loop.append(prelude).append(code);
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      if (v == null) {
        // A bare column is copied vector to vector: no decoding into Java values and back.
        int column = ((ColumnRef) projections.get(i)).index();
        if (input.field(column).type().kind() == TypeKind.NULL) {
          continue; // a NullVector has no values, only the row count the operator sets
        }
        copiedColumns.add(column);
        loop.append("      out")
            .append(i)
            .append(".copyFromSafe(row, j, in")
            .append(column)
            .append(");\n");
        continue;
      }
      SqlType type = projections.get(i).type();
      String typeRef =
          type.kind() == TypeKind.ARRAY ? ref(type, "dev.sluice.execution.type.SqlType") : null;
      loop.append("      if (")
          .append(v.isNull())
          .append(") out")
          .append(i)
          .append(".setNull(j); else ")
          .append(JavaTypes.write(type, "out" + i, "j", v.value(), typeRef))
          .append('\n');
    }

    StringBuilder source = new StringBuilder();
    source
        .append("public final class ")
        .append(className)
        .append(" implements dev.sluice.execution.expression.codegen.CalcKernel {\n");
    for (int i = 0; i < refs.size(); i++) {
      source
          .append("  private final ")
          .append(refTypes.get(i))
          .append(" r")
          .append(i)
          .append(";\n");
    }
    source.append("  public ").append(className).append("(Object[] refs) {\n");
    for (int i = 0; i < refs.size(); i++) {
      source
          .append("    this.r")
          .append(i)
          .append(" = (")
          .append(refTypes.get(i))
          .append(") refs[")
          .append(i)
          .append("];\n");
    }
    source.append("  }\n");
    source.append(
        "  public int evaluate(org.apache.arrow.vector.FieldVector[] in, int rowCount,"
            + " org.apache.arrow.vector.FieldVector[] out) {\n");
    java.util.Set<Integer> vectorColumns = new java.util.TreeSet<>(readColumns.keySet());
    vectorColumns.addAll(copiedColumns);
    for (int index : vectorColumns) {
      String cls = JavaTypes.vectorClass(input.field(index).type());
      source
          .append("    final ")
          .append(cls)
          .append(" in")
          .append(index)
          .append(" = (")
          .append(cls)
          .append(") in[")
          .append(index)
          .append("];\n");
    }
    for (int i = 0; i < projections.size(); i++) {
      String cls = JavaTypes.vectorClass(projections.get(i).type());
      source
          .append("    final ")
          .append(cls)
          .append(" out")
          .append(i)
          .append(" = (")
          .append(cls)
          .append(") out[")
          .append(i)
          .append("];\n");
    }
    source.append("    int j = 0;\n");
    source.append("    for (int row = 0; row < rowCount; row++) {\n");
    source.append(loop);
    source.append("      j++;\n    }\n    return j;\n  }\n}\n");
    return source.toString();
  }

  private boolean isVectorCopy(Expression projection) {
    return projection instanceof ColumnRef ref
        && !checkedDecimalColumns.contains(ref.index())
        && input.field(ref.index()).type().equals(ref.type());
  }

  private void beginBlock() {
    prelude = new StringBuilder();
    code = new StringBuilder();
  }

  private String fresh() {
    return "v" + counter++;
  }

  private String ref(Object value, String javaType) {
    refs.add(value);
    refTypes.add(javaType);
    return "r" + (refs.size() - 1);
  }

  /** Declares a value local and its null flag, initialised to NULL. */
  private Value declare(SqlType type) {
    String name = fresh();
    code.append("      boolean ")
        .append(name)
        .append("n = true; ")
        .append(javaType(type))
        .append(' ')
        .append(name)
        .append(" = ")
        .append(defaultValue(type))
        .append(";\n");
    return new Value(name, name + "n", type);
  }

  private void assign(Value target, String value) {
    code.append(target.value())
        .append(" = ")
        .append(value)
        .append("; ")
        .append(target.isNull())
        .append(" = false;");
  }

  Value generate(Expression expression) {
    if (expression instanceof ColumnRef c) {
      return column(c);
    }
    if (expression instanceof Literal l) {
      return literal(l);
    }
    return call((Call) expression);
  }

  private Value column(ColumnRef ref) {
    Value known = readColumns.get(ref.index());
    if (known != null) {
      return known;
    }
    SqlType type = input.field(ref.index()).type();
    String name = "c" + ref.index();
    String read =
        checkedDecimalColumns.contains(ref.index())
            ? RUNTIME + "Values.readNarrowedDecimal(in" + ref.index() + ", row)"
            : null;
    String typeRef =
        type.kind() == TypeKind.ARRAY ? ref(type, "dev.sluice.execution.type.SqlType") : null;
    prelude
        .append("      final boolean ")
        .append(name)
        .append("n = in")
        .append(ref.index())
        .append(".isNull(row);\n");
    prelude
        .append("      final ")
        .append(javaType(type))
        .append(' ')
        .append(name)
        .append(" = ")
        .append(name)
        .append("n ? ")
        .append(defaultValue(type))
        .append(" : ")
        .append(read != null ? read : JavaTypes.read(type, "in" + ref.index(), "row", typeRef))
        .append(";\n");
    Value value = new Value(name, name + "n", type);
    readColumns.put(ref.index(), value);
    return value;
  }

  private Value literal(Literal literal) {
    SqlType type = literal.type();
    Object v = literal.value();
    if (v == null || type.kind() == TypeKind.NULL) {
      return new Value(defaultValue(type), "true", type);
    }
    String code =
        switch (type.kind()) {
          case BOOLEAN -> v.toString();
          case TINYINT -> "(byte) " + ((Number) v).longValue();
          case SMALLINT -> "(short) " + ((Number) v).longValue();
          case INTEGER -> Long.toString(((Number) v).longValue());
          case BIGINT -> ((Number) v).longValue() + "L";
          case FLOAT ->
              "Float.intBitsToFloat(" + Float.floatToIntBits(((Number) v).floatValue()) + ")";
          case DOUBLE ->
              "Double.longBitsToDouble("
                  + Double.doubleToLongBits(((Number) v).doubleValue())
                  + "L)";
          case DECIMAL -> {
            BigDecimal d = ((BigDecimal) v).setScale(type.scale(), java.math.RoundingMode.HALF_UP);
            yield type.isCompactDecimal()
                ? d.unscaledValue().longValueExact() + "L"
                : ref(d, "java.math.BigDecimal");
          }
          case VARCHAR -> ref(v, "String");
          case VARBINARY -> ref(v, "byte[]");
          case DATE -> Long.toString(((LocalDate) v).toEpochDay());
          case TIME -> Long.toString(((LocalTime) v).toNanoOfDay() / 1_000_000L);
          case TIMESTAMP -> dev.sluice.execution.batch.VectorValues.timestampMillis(v) + "L";
          case INTERVAL_DAY_TIME -> ((Duration) v).toMillis() + "L";
          case INTERVAL_YEAR_MONTH -> Long.toString(((Period) v).toTotalMonths());
          case ARRAY -> ref(v, "java.util.List");
          case NULL -> defaultValue(type);
        };
    return new Value(code, "false", type);
  }

  private Value call(Call call) {
    Function f = call.function();
    SqlType type = call.type();
    return switch (f) {
      case AND -> andOr(call, true);
      case OR -> andOr(call, false);
      case CASE -> caseWhen(call);
      case COALESCE -> coalesce(call);
      case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> nullTest(call);
      case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> distinct(call);
      case ITEM -> item(call);
      default -> {
        List<Value> args = new ArrayList<>();
        for (Expression operand : call.operands()) {
          args.add(generate(operand));
        }
        if (f == Function.UDF) {
          yield udf(call, args);
        }
        Value result = declare(type);
        String anyNull =
            args.stream().map(Value::isNull).reduce((a, b) -> a + " || " + b).orElse("false");
        code.append("      if (!(").append(anyNull).append(")) { ");
        assign(result, strict(call, args));
        code.append(" }\n");
        yield result;
      }
    };
  }

  private Value andOr(Call call, boolean isAnd) {
    // SQL three-valued logic with short-circuit: an operand that decides the result stops
    // evaluation (so `x <> 0 AND y / x > 1` never divides by zero).
    Value result = declare(SqlType.BOOLEAN);
    String anyNull = fresh();
    code.append("      boolean ").append(anyNull).append(" = false;\n");
    int open = 0;
    for (Expression operand : call.operands()) {
      Value v = generate(operand);
      String decides =
          isAnd ? "!" + v.isNull() + " && !" + v.value() : "!" + v.isNull() + " && " + v.value();
      code.append("      if (")
          .append(decides)
          .append(") { ")
          .append(result.value())
          .append(" = ")
          .append(!isAnd)
          .append("; ")
          .append(result.isNull())
          .append(" = false; } else { ")
          .append(anyNull)
          .append(" |= ")
          .append(v.isNull())
          .append(";\n");
      open++;
    }
    code.append("      ")
        .append(result.value())
        .append(" = ")
        .append(isAnd)
        .append("; ")
        .append(result.isNull())
        .append(" = ")
        .append(anyNull)
        .append(";");
    code.append(" }".repeat(open)).append('\n');
    return result;
  }

  private Value caseWhen(Call call) {
    Value result = declare(call.type());
    List<Expression> ops = call.operands();
    int open = 0;
    for (int i = 0; i + 1 < ops.size(); i += 2) {
      Value when = generate(ops.get(i));
      code.append("      if (!")
          .append(when.isNull())
          .append(" && ")
          .append(when.value())
          .append(") {\n");
      Value then = generate(ops.get(i + 1));
      assignCoerced(result, then);
      code.append(" } else {\n");
      open++;
    }
    Value otherwise = generate(ops.get(ops.size() - 1));
    assignCoerced(result, otherwise);
    code.append(" }".repeat(open)).append('\n');
    return result;
  }

  private Value coalesce(Call call) {
    Value result = declare(call.type());
    int open = 0;
    for (Expression operand : call.operands()) {
      Value v = generate(operand);
      assignCoerced(result, v);
      code.append("\n      if (").append(result.isNull()).append(") {\n");
      open++;
    }
    code.append(" }".repeat(open)).append('\n');
    return result;
  }

  /** result := v (with v's null flag), converting v to the result's type. */
  private void assignCoerced(Value result, Value v) {
    code.append("      if (!").append(v.isNull()).append(") { ");
    assign(result, Coercions.convert(v, result.type()));
    code.append(" }");
  }

  private Value nullTest(Call call) {
    Value v = generate(call.operand(0));
    String test =
        switch (call.function()) {
          case IS_NULL -> v.isNull();
          case IS_NOT_NULL -> "!" + v.isNull();
          case IS_TRUE -> "(!" + v.isNull() + " && " + v.value() + ")";
          case IS_NOT_TRUE -> "(" + v.isNull() + " || !" + v.value() + ")";
          case IS_FALSE -> "(!" + v.isNull() + " && !" + v.value() + ")";
          case IS_NOT_FALSE -> "(" + v.isNull() + " || " + v.value() + ")";
          default -> throw new IllegalStateException(call.function().name());
        };
    Value result = declare(SqlType.BOOLEAN);
    code.append("      ");
    assign(result, test);
    code.append('\n');
    return result;
  }

  private Value distinct(Call call) {
    Value a = generate(call.operand(0));
    Value b = generate(call.operand(1));
    String equal = Comparisons.compare(Function.EQUALS, a, b);
    String notDistinct =
        "(("
            + a.isNull()
            + " && "
            + b.isNull()
            + ") || (!"
            + a.isNull()
            + " && !"
            + b.isNull()
            + " && "
            + equal
            + "))";
    Value result = declare(SqlType.BOOLEAN);
    code.append("      ");
    assign(
        result, call.function() == Function.IS_NOT_DISTINCT_FROM ? notDistinct : "!" + notDistinct);
    code.append('\n');
    return result;
  }

  private Value udf(Call call, List<Value> args) {
    ScalarUdf udf = udfs.get(call.udfName().toUpperCase(java.util.Locale.ROOT));
    if (udf == null) {
      throw new SluiceException(
          ErrorCode.UNKNOWN_FUNCTION, "no function named " + call.udfName() + " is registered");
    }
    String udfRef = ref(udf, ScalarUdf.class.getName());
    StringBuilder array = new StringBuilder("new Object[] {");
    for (int i = 0; i < args.size(); i++) {
      Value a = args.get(i);
      array
          .append(i == 0 ? "" : ", ")
          .append(a.isNull())
          .append(" ? null : ")
          .append(box(a.type(), a.value()));
    }
    array.append('}');
    String raw = fresh();
    code.append("      Object ")
        .append(raw)
        .append(" = ")
        .append(udfRef)
        .append(".apply(")
        .append(array)
        .append(");\n");
    Value result = declare(call.type());
    code.append("      if (").append(raw).append(" != null) { ");
    assign(result, JavaTypes.unbox(call.type(), raw));
    code.append(" }\n");
    return result;
  }

  /** The Java expression of a strict call whose operands are known not to be NULL. */
  private String strict(Call call, List<Value> a) {
    SqlType type = call.type();
    return switch (call.function()) {
      case PLUS, MINUS, TIMES, DIVIDE, MOD, NEGATE, ABS ->
          Arithmetics.generate(call.function(), type, a);
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          Comparisons.compare(call.function(), a.get(0), a.get(1));
      case NOT -> "!" + a.get(0).value();
      case CAST -> Coercions.cast(a.get(0), type);
      case UPPER -> a.get(0).value() + ".toUpperCase(java.util.Locale.ROOT)";
      case LOWER -> a.get(0).value() + ".toLowerCase(java.util.Locale.ROOT)";
      case SUBSTRING ->
          RUNTIME
              + "StringFunctions.substring("
              + a.get(0).value()
              + ", (long) "
              + a.get(1).value()
              + (a.size() > 2 ? ", (long) " + a.get(2).value() : "")
              + ")";
      case TRIM ->
          RUNTIME
              + "StringFunctions.trim("
              + symbol(call, 0)
              + ", "
              + a.get(1).value()
              + ", "
              + a.get(2).value()
              + ")";
      case CHAR_LENGTH -> RUNTIME + "StringFunctions.charLength(" + a.get(0).value() + ")";
      case POSITION ->
          RUNTIME + "StringFunctions.position(" + a.get(0).value() + ", " + a.get(1).value() + ")";
      case CONCAT ->
          "("
              + Coercions.convert(a.get(0), SqlType.VARCHAR)
              + " + "
              + Coercions.convert(a.get(1), SqlType.VARCHAR)
              + ")";
      case LIKE -> like(call, a);
      case REPLACE ->
          RUNTIME
              + "StringFunctions.replace("
              + a.get(0).value()
              + ", "
              + a.get(1).value()
              + ", "
              + a.get(2).value()
              + ")";
      case SPLIT ->
          RUNTIME + "StringFunctions.split(" + a.get(0).value() + ", " + a.get(1).value() + ")";
      case EXTRACT -> DateTimes.extract(symbol(call, 0), a.get(1));
      case FLOOR_TO_UNIT -> DateTimes.floorOrCeil(true, a.get(0), symbol(call, 1));
      case CEIL_TO_UNIT -> DateTimes.floorOrCeil(false, a.get(0), symbol(call, 1));
      case DATETIME_PLUS -> DateTimes.plus(a.get(0), a.get(1), false);
      case DATETIME_MINUS -> DateTimes.plus(a.get(0), a.get(1), true);
      case DATETIME_DIFF -> DateTimes.diff(a.get(0), a.get(1), type);
      case CARDINALITY -> a.get(0).value() + ".size()";
      case OCTET_LENGTH -> a.get(0).value() + ".length";
      case AND,
          OR,
          CASE,
          COALESCE,
          IS_NULL,
          IS_NOT_NULL,
          IS_TRUE,
          IS_NOT_TRUE,
          IS_FALSE,
          IS_NOT_FALSE,
          IS_DISTINCT_FROM,
          IS_NOT_DISTINCT_FROM,
          ITEM,
          UDF ->
          throw new IllegalStateException(call.function() + " is not strict");
    };
  }

  /** The quoted name of a symbol operand (TRIM mode, EXTRACT unit), known when generating. */
  private static String symbol(Call call, int index) {
    if (!(call.operand(index) instanceof Literal literal)
        || !(literal.value() instanceof String s)) {
      throw new SluiceException(
          ErrorCode.INVALID_ARGUMENT,
          call.function() + " needs a constant unit or mode as operand " + (index + 1));
    }
    return "\"" + s + "\"";
  }

  private String like(Call call, List<Value> a) {
    Expression pattern = call.operand(1);
    Expression escape = call.operands().size() > 2 ? call.operand(2) : null;
    boolean constant =
        pattern instanceof Literal p
            && p.value() != null
            && (escape == null || (escape instanceof Literal e && e.value() != null));
    if (constant) {
      String escapeText = escape == null ? null : (String) ((Literal) escape).value();
      String compiled =
          ref(
              LikePatterns.compile((String) ((Literal) pattern).value(), escapeText),
              "java.util.regex.Pattern");
      return RUNTIME + "LikePatterns.matches(" + a.get(0).value() + ", " + compiled + ")";
    }
    return RUNTIME
        + "LikePatterns.matches("
        + a.get(0).value()
        + ", "
        + a.get(1).value()
        + ", "
        + (a.size() > 2 ? a.get(2).value() : "null")
        + ")";
  }

  /** ITEM is NULL for a NULL array or index, an index out of range, or a NULL element. */
  private Value item(Call call) {
    Value list = generate(call.operand(0));
    Value index = generate(call.operand(1));
    Value result = declare(call.type());
    String i = "(int) " + index.value();
    String element = fresh();
    code.append("      if (!")
        .append(list.isNull())
        .append(" && !")
        .append(index.isNull())
        .append(" && ")
        .append(i)
        .append(" >= 1 && ")
        .append(i)
        .append(" <= ")
        .append(list.value())
        .append(".size()) {\n")
        .append("        Object ")
        .append(element)
        .append(" = ")
        .append(list.value())
        .append(".get(")
        .append(i)
        .append(" - 1);\n")
        .append("        if (")
        .append(element)
        .append(" != null) { ");
    assign(result, JavaTypes.unbox(call.type(), element));
    code.append(" }\n      }\n");
    return result;
  }
}
