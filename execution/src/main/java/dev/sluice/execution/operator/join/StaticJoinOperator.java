package dev.sluice.execution.operator.join;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.batch.VectorCopy;
import dev.sluice.execution.batch.VectorValues;
import dev.sluice.execution.expression.ColumnRef;
import dev.sluice.execution.expression.Expression;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.operator.OperatorContext;
import dev.sluice.execution.operator.Output;
import dev.sluice.execution.operator.key.KeyEncoder;
import dev.sluice.execution.operator.stateless.StatelessOperator;
import dev.sluice.execution.plan.JoinKind;
import dev.sluice.execution.plan.StaticJoinSpec;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import dev.sluice.state.encoding.BinaryWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Joins each input row with the rows of a {@link StaticTable} whose keys equal its own: a hash
 * lookup per row, then the input's and the table's columns copied vector to vector. A LEFT join
 * emits an input row that matches nothing with NULLs for the table's columns. With a remaining
 * condition (LEFT only; an INNER join's is a filter above), the candidate pairs go through a
 * compiled kernel of that condition, and the input rows none of whose pairs passed are emitted with
 * NULLs afterwards. Output batches are cut at the chunk size, so a key with many table rows still
 * yields bounded batches.
 */
public final class StaticJoinOperator extends StatelessOperator {
  private final StaticJoinSpec spec;
  private final int inputWidth;
  private final int tableWidth;
  private final KeyEncoder encoder;
  private StaticTable table;

  /** The output columns, then the candidate's input row (only with a remaining condition). */
  private Schema pairSchema;

  private CalcKernel condition;

  public StaticJoinOperator(StaticJoinSpec spec) {
    this.spec = spec;
    this.inputWidth = spec.input().schema().size();
    this.tableWidth = spec.table().root().schema().size();
    List<SqlType> keyTypes =
        spec.inputKeys().stream().map(c -> spec.input().schema().field(c).type()).toList();
    this.encoder = new KeyEncoder(keyTypes);
  }

  @Override
  public void open(OperatorContext context, Output output) {
    super.open(context, output);
    table = context.staticTables().get(spec);
    if (spec.condition() != null) {
      List<Field> fields = new ArrayList<>(spec.schema().fields());
      fields.add(new Field("__input_row", SqlType.INTEGER, false));
      pairSchema = new Schema(fields);
      List<Expression> projections = new ArrayList<>();
      for (int c = 0; c < pairSchema.size(); c++) {
        projections.add(new ColumnRef(c, pairSchema.field(c).type()));
      }
      condition =
          ExpressionCompiler.compile(
              pairSchema, spec.condition(), projections, context.functions().scalars());
    }
  }

  @Override
  public void onBatch(int input, Batch batch) {
    try (batch) {
      FieldVector[] keys = StaticTable.keyVectors(batch, spec.inputKeys());
      BitSet matched = new BitSet();
      boolean padNow = spec.kind() == JoinKind.LEFT && condition == null;
      try (Pairs pairs =
          condition == null
              ? new Pairs(batch, spec.schema(), output::emit)
              : new Pairs(batch, pairSchema, candidates -> filter(candidates, matched))) {
        for (int row = 0; row < batch.rowCount(); row++) {
          int match = -1;
          if (!StaticTable.anyNull(keys, row)) {
            BinaryWriter key = encoder.encode(keys, row);
            match = table.firstMatch(key.buffer(), key.size());
          }
          if (match < 0 && padNow) {
            pairs.add(row, -1);
          }
          for (; match >= 0; match = table.nextMatch(match)) {
            pairs.add(row, match);
          }
        }
        pairs.flush();
      }
      if (spec.kind() == JoinKind.LEFT && condition != null) {
        try (Pairs padded = new Pairs(batch, spec.schema(), output::emit)) {
          for (int row = matched.nextClearBit(0);
              row < batch.rowCount();
              row = matched.nextClearBit(row + 1)) {
            padded.add(row, -1);
          }
          padded.flush();
        }
      }
    }
  }

  /** Emits the pairs that pass the remaining condition and notes their input rows as matched. */
  private void filter(Batch pairsBatch, BitSet matched) {
    try (pairsBatch) {
      int rows = pairsBatch.rowCount();
      List<FieldVector> out = Batch.allocateVectors(pairSchema, context.allocator(), rows);
      int written;
      try {
        written =
            condition.evaluate(pairsBatch.vectorArray(), rows, out.toArray(new FieldVector[0]));
      } catch (RuntimeException e) {
        out.forEach(FieldVector::close);
        throw e;
      }
      IntVector inputRows = (IntVector) out.remove(out.size() - 1);
      try (inputRows) {
        for (int i = 0; i < written; i++) {
          matched.set(inputRows.get(i));
        }
      }
      if (written == 0) {
        out.forEach(FieldVector::close);
      } else {
        output.emit(Batch.of(spec.schema(), out, written));
      }
    }
  }

  /**
   * Joined rows of one input batch, written vector to vector into batches of the given schema that
   * go to a sink at the chunk size.
   */
  private final class Pairs implements AutoCloseable {
    private final Batch input;
    private final Schema schema;
    private final Consumer<Batch> sink;
    private List<FieldVector> out;
    private int written;

    Pairs(Batch input, Schema schema, Consumer<Batch> sink) {
      this.input = input;
      this.schema = schema;
      this.sink = sink;
    }

    /** Adds input row {@code row} with table row {@code tableRow} (-1: NULLs). */
    void add(int row, int tableRow) {
      if (out == null) {
        out = Batch.allocateVectors(schema, context.allocator(), context.maxRowsPerBatch());
      }
      for (int c = 0; c < inputWidth; c++) {
        VectorCopy.copyValue(input.vector(c), row, out.get(c), written);
      }
      for (int c = 0; c < tableWidth; c++) {
        FieldVector to = out.get(inputWidth + c);
        if (tableRow < 0) {
          VectorValues.set(to, schema.field(inputWidth + c).type(), written, null);
        } else {
          VectorCopy.copyValue(table.vector(c), tableRow, to, written);
        }
      }
      if (schema.size() > inputWidth + tableWidth) {
        ((IntVector) out.get(inputWidth + tableWidth)).setSafe(written, row);
      }
      if (++written == context.maxRowsPerBatch()) {
        flush();
      }
    }

    void flush() {
      if (out != null) {
        Batch done = Batch.of(schema, out, written);
        out = null;
        written = 0;
        sink.accept(done);
      }
    }

    @Override
    public void close() {
      if (out != null) {
        out.forEach(FieldVector::close);
      }
    }
  }
}
