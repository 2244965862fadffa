package dev.sluice.execution.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.BatchBuilder;
import dev.sluice.execution.batch.Row;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CalcKernelTest {
  private static final Schema INPUT =
      Schema.of(
          Field.nullable("id", SqlType.BIGINT),
          Field.nullable("name", SqlType.VARCHAR),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("flag", SqlType.BOOLEAN),
          Field.nullable("ts", SqlType.TIMESTAMP),
          Field.nullable("amount", SqlType.decimal(10, 2)));

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void noLeaks() {
    allocator.close(); // fails if any buffer is still held
  }

  private static ColumnRef col(int i) {
    return new ColumnRef(i, INPUT.field(i).type());
  }

  private static Literal lit(Object value, SqlType type) {
    return new Literal(value, type);
  }

  private static final List<Row> ROWS =
      List.of(
          Row.of(
              1L,
              "Alice",
              100L,
              true,
              LocalDateTime.of(2024, 3, 15, 10, 30, 45, 123_000_000),
              new BigDecimal("12.34")),
          Row.of(2L, null, 250L, null, null, null),
          Row.of(
              123L,
              "bob",
              null,
              false,
              LocalDateTime.of(1969, 12, 31, 23, 59, 59),
              new BigDecimal("-0.05")));

  private List<Row> run(Expression condition, Expression... projections) {
    return runOver(INPUT, ROWS, condition, projections);
  }

  @Test
  void decimalMultiplicationIsExact() {
    // price * 0.908 as Calcite types it: DECIMAL(19, 3), wider than a compact long
    Expression q1 =
        Call.of(
            Function.TIMES,
            SqlType.decimal(19, 3),
            col(2),
            lit(new BigDecimal("0.908"), SqlType.decimal(3, 3)));
    Expression compact =
        Call.of(
            Function.TIMES,
            SqlType.decimal(13, 3),
            col(5),
            lit(new BigDecimal("1.5"), SqlType.decimal(2, 1)));
    assertThat(run(null, q1, compact))
        .containsExactly(
            Row.of(new BigDecimal("90.800"), new BigDecimal("18.510")),
            Row.of(new BigDecimal("227.000"), null),
            Row.of(null, new BigDecimal("-0.075")));
  }

  @Test
  void filterWithModAndThreeValuedLogic() {
    Expression mod = Call.of(Function.MOD, SqlType.BIGINT, col(0), lit(123L, SqlType.INTEGER));
    Expression isZero = Call.of(Function.EQUALS, SqlType.BOOLEAN, mod, lit(0L, SqlType.INTEGER));
    assertThat(run(isZero, col(0))).containsExactly(Row.of(123L));

    // NULL AND FALSE is FALSE, NULL OR TRUE is TRUE, NULL AND TRUE is NULL
    Expression and = Call.of(Function.AND, SqlType.BOOLEAN, col(3), lit(true, SqlType.BOOLEAN));
    Expression or = Call.of(Function.OR, SqlType.BOOLEAN, col(3), lit(true, SqlType.BOOLEAN));
    Expression andFalse =
        Call.of(Function.AND, SqlType.BOOLEAN, col(3), lit(false, SqlType.BOOLEAN));
    assertThat(run(null, and, or, andFalse))
        .containsExactly(
            Row.of(true, true, false), Row.of(null, true, false), Row.of(false, true, false));
  }

  @Test
  void caseCoalesceAndStrings() {
    Expression name =
        Call.of(Function.COALESCE, SqlType.VARCHAR, col(1), lit("?", SqlType.VARCHAR));
    Expression upper = Call.of(Function.UPPER, SqlType.VARCHAR, name);
    Expression size =
        Call.of(
            Function.CASE,
            SqlType.VARCHAR,
            Call.of(Function.GREATER_THAN, SqlType.BOOLEAN, col(2), lit(200L, SqlType.BIGINT)),
            lit("big", SqlType.VARCHAR),
            Call.of(Function.IS_NULL, SqlType.BOOLEAN, col(2)),
            lit("none", SqlType.VARCHAR),
            lit("small", SqlType.VARCHAR));
    Expression like = Call.of(Function.LIKE, SqlType.BOOLEAN, col(1), lit("A%e", SqlType.VARCHAR));
    Expression sub =
        Call.of(
            Function.SUBSTRING,
            SqlType.VARCHAR,
            col(1),
            lit(2L, SqlType.INTEGER),
            lit(3L, SqlType.INTEGER));
    Expression split =
        Call.of(
            Function.SPLIT,
            SqlType.array(SqlType.VARCHAR),
            lit("a b  c", SqlType.VARCHAR),
            lit(" ", SqlType.VARCHAR));
    assertThat(run(null, upper, size, like, sub, split))
        .containsExactly(
            Row.of("ALICE", "small", true, "lic", Arrays.asList("a", "b", "", "c")),
            Row.of("?", "big", null, null, Arrays.asList("a", "b", "", "c")),
            Row.of("BOB", "none", false, "ob", Arrays.asList("a", "b", "", "c")));
  }

  @Test
  void constantNullsOfObjectTypesAreNullInFunctionsAndOutputs() {
    Literal nullText = lit(null, SqlType.VARCHAR);
    Literal nullWideDecimal = lit(null, SqlType.decimal(30, 2));
    Literal nullList = lit(null, SqlType.array(SqlType.INTEGER));
    assertThat(
            run(
                null,
                Call.of(Function.UPPER, SqlType.VARCHAR, nullText),
                Call.of(Function.CHAR_LENGTH, SqlType.INTEGER, nullText),
                Call.of(Function.CONCAT, SqlType.VARCHAR, col(1), nullText),
                Call.of(Function.NEGATE, SqlType.decimal(30, 2), nullWideDecimal),
                Call.of(Function.CARDINALITY, SqlType.INTEGER, nullList),
                nullText,
                nullWideDecimal))
        .containsOnly(Row.of(null, null, null, null, null, null, null));
  }

  @Test
  void dateTimeFunctions() {
    Expression year = Call.of(Function.EXTRACT, SqlType.BIGINT, Literal.symbol("YEAR"), col(4));
    Expression hour = Call.of(Function.EXTRACT, SqlType.BIGINT, Literal.symbol("HOUR"), col(4));
    Expression floor =
        Call.of(Function.FLOOR_TO_UNIT, SqlType.TIMESTAMP, col(4), Literal.symbol("HOUR"));
    Expression plus =
        Call.of(
            Function.DATETIME_PLUS,
            SqlType.TIMESTAMP,
            col(4),
            lit(java.time.Duration.ofMinutes(90), SqlType.INTERVAL_DAY_TIME));
    Expression date = Call.of(Function.CAST, SqlType.DATE, col(4));
    List<Row> rows = run(null, year, hour, floor, plus, date);
    assertThat(rows.get(0))
        .isEqualTo(
            Row.of(
                2024L,
                10L,
                LocalDateTime.of(2024, 3, 15, 10, 0),
                LocalDateTime.of(2024, 3, 15, 12, 0, 45, 123_000_000),
                LocalDate.of(2024, 3, 15)));
    assertThat(rows.get(2))
        .isEqualTo(
            Row.of(
                1969L,
                23L,
                LocalDateTime.of(1969, 12, 31, 23, 0),
                LocalDateTime.of(1970, 1, 1, 1, 29, 59),
                LocalDate.of(1969, 12, 31)));
  }

  @Test
  void badCastNamesTheValueAndType() {
    Expression cast = Call.of(Function.CAST, SqlType.INTEGER, col(1));
    assertThatThrownBy(() -> run(null, cast))
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo(ErrorCode.INVALID_CAST))
        .hasMessageContaining("'Alice'")
        .hasMessageContaining("INTEGER");
  }

  @Test
  void shortCircuitAvoidsDivisionByZero() {
    Expression nonZero =
        Call.of(Function.NOT_EQUALS, SqlType.BOOLEAN, col(2), lit(250L, SqlType.BIGINT));
    Expression div =
        Call.of(
            Function.DIVIDE,
            SqlType.BIGINT,
            lit(10L, SqlType.BIGINT),
            Call.of(Function.MINUS, SqlType.BIGINT, col(2), lit(250L, SqlType.BIGINT)));
    Expression guarded =
        Call.of(
            Function.AND,
            SqlType.BOOLEAN,
            nonZero,
            Call.of(Function.GREATER_THAN, SqlType.BOOLEAN, div, lit(-1L, SqlType.BIGINT)));
    assertThat(run(null, guarded))
        .containsExactly(Row.of(true), Row.of(false), Row.of((Object) null));
  }

  @Test
  void wideDecimalsAreExactWhetherTheyFitALongOrNot() {
    Schema wide = Schema.of(Field.nullable("w", SqlType.decimal(38, 2)));
    Expression doubled =
        Call.of(
            Function.TIMES,
            SqlType.decimal(38, 2),
            new ColumnRef(0, SqlType.decimal(38, 2)),
            lit(2L, SqlType.BIGINT));
    Expression plusOne =
        Call.of(
            Function.PLUS,
            SqlType.decimal(38, 2),
            new ColumnRef(0, SqlType.decimal(38, 2)),
            lit(new BigDecimal("1.00"), SqlType.decimal(3, 2)));
    List<Row> small =
        runOver(
            wide,
            List.of(Row.of(new BigDecimal("-12.34")), Row.of((Object) null)),
            null,
            doubled,
            plusOne);
    assertThat(small)
        .containsExactly(
            Row.of(new BigDecimal("-24.68"), new BigDecimal("-11.34")), Row.of(null, null));
    // 10^30 does not fit a long: the chunk falls back to the exact kernel
    List<Row> huge =
        runOver(
            wide,
            List.of(
                Row.of(new BigDecimal("3.50")),
                Row.of(new BigDecimal("1000000000000000000000000000000.00"))),
            null,
            doubled,
            plusOne);
    assertThat(huge)
        .containsExactly(
            Row.of(new BigDecimal("7.00"), new BigDecimal("4.50")),
            Row.of(
                new BigDecimal("2000000000000000000000000000000.00"),
                new BigDecimal("1000000000000000000000000000001.00")));
  }

  @Test
  void binaryComparesAsUnsignedBytes() {
    Schema schema = Schema.of(Field.nullable("b", SqlType.VARBINARY));
    ColumnRef b = new ColumnRef(0, SqlType.VARBINARY);
    Literal x0aff = lit(new byte[] {0x0A, (byte) 0xFF}, SqlType.VARBINARY);
    Literal nullBytes = lit(null, SqlType.VARBINARY);
    List<Row> input =
        List.of(
            Row.of((Object) new byte[] {0x0A, (byte) 0xFF}),
            Row.of((Object) new byte[] {(byte) 0x80}),
            Row.of((Object) new byte[] {0x0A}),
            Row.of((Object) null));

    List<Row> rows =
        runOver(
            schema,
            input,
            null,
            Call.of(Function.EQUALS, SqlType.BOOLEAN, b, x0aff),
            Call.of(Function.LESS_THAN, SqlType.BOOLEAN, b, x0aff),
            Call.of(Function.OCTET_LENGTH, SqlType.INTEGER, b),
            Call.of(Function.IS_NULL, SqlType.BOOLEAN, b),
            Call.of(Function.EQUALS, SqlType.BOOLEAN, b, nullBytes),
            nullBytes);

    // X'80' sorts after X'0AFF' (unsigned, as in Spark); a prefix sorts first
    assertThat(rows)
        .containsExactly(
            Row.of(true, false, 2, false, null, null),
            Row.of(false, false, 1, false, null, null),
            Row.of(false, true, 1, false, null, null),
            Row.of(null, null, null, true, null, null));
  }

  @Test
  void binaryCastsToAndFromVarcharAsUtf8AndInvalidBytesBecomeReplacementCharacters() {
    Schema schema = Schema.of(Field.nullable("b", SqlType.VARBINARY));
    ColumnRef b = new ColumnRef(0, SqlType.VARBINARY);
    Expression text = Call.of(Function.CAST, SqlType.VARCHAR, b);
    Expression bytesAgain = Call.of(Function.CAST, SqlType.VARBINARY, text);

    List<Row> rows =
        runOver(
            schema,
            List.of(
                Row.of((Object) "héllo".getBytes(StandardCharsets.UTF_8)),
                Row.of((Object) new byte[] {(byte) 0xFF, 0x41})),
            null,
            text,
            bytesAgain);

    // Spark decodes the same way: a malformed byte becomes U+FFFD, which re-encodes as EF BF BD
    assertThat(rows)
        .containsExactly(
            Row.of("héllo", "héllo".getBytes(StandardCharsets.UTF_8)),
            Row.of("\uFFFDA", new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, 0x41}));
  }

  private List<Row> runOver(
      Schema schema, List<Row> input, Expression condition, Expression... projections) {
    List<Row> result = new ArrayList<>();
    try (BatchBuilder builder = new BatchBuilder(schema, allocator, 1024)) {
      builder.addAll(input);
      for (Batch batch : builder.build()) {
        try (batch) {
          CalcKernel kernel =
              ExpressionCompiler.compile(schema, condition, List.of(projections), Map.of());
          List<Field> fields = new ArrayList<>();
          for (int i = 0; i < projections.length; i++) {
            fields.add(Field.nullable("e" + i, projections[i].type()));
          }
          Schema outSchema = new Schema(fields);
          List<FieldVector> out = Batch.newVectors(outSchema, allocator);
          for (FieldVector v : out) {
            v.setInitialCapacity(batch.rowCount());
            v.allocateNew();
          }
          int n;
          try {
            n =
                kernel.evaluate(
                    batch.vectorArray(), batch.rowCount(), out.toArray(new FieldVector[0]));
          } catch (RuntimeException e) {
            out.forEach(FieldVector::close);
            throw e;
          }
          try (Batch output = Batch.of(outSchema, out, n)) {
            result.addAll(output.toRows());
          }
        }
      }
    }
    return result;
  }
}
