package dev.sluice.benchmarks.nexmark;

import dev.sluice.execution.batch.Batch;
import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Connectors;
import dev.sluice.execution.connector.PartitionReader;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.SourceProvider;
import dev.sluice.execution.driver.Clock;
import dev.sluice.execution.expression.codegen.CalcKernel;
import dev.sluice.execution.expression.codegen.ExpressionCompiler;
import dev.sluice.execution.plan.CalcSpec;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.type.Schema;
import dev.sluice.planner.SluicePlanner;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogEntry;
import dev.sluice.planner.catalog.SourceFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The expression kernel of q0/q1/q2 alone, without the generator: the exact {@link CalcKernel}
 * Sluice compiles for the query (planned by {@link SluicePlanner}, compiled by {@link
 * ExpressionCompiler}), run the way {@code CalcOperator} runs it (fresh output vectors per chunk),
 * next to the hand-written loop of {@link HandWrittenQueries}. Input: {@value #CHUNKS} chunks of
 * exactly {@value #ROWS} generated bids, cycled; scores are rows per second.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> org.openjdk.jmh.Main BenchmarkCalcKernel} (the
 * fork gets the Arrow speed flags itself).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "-Darrow.enable_unsafe_memory_access=true",
      "-Darrow.enable_null_check_for_get=false"
    })
public class BenchmarkCalcKernel {
  static final int ROWS = 3500;
  static final int CHUNKS = 16;

  /** q0, q1, q2, or q1narrow (q1 without the VARCHAR column extra). */
  @Param({"q0", "q1", "q1narrow", "q2"})
  public String query;

  private BufferAllocator allocator;
  private final List<Batch> chunks = new ArrayList<>();
  private CalcKernel kernel;
  private Schema outputSchema;
  private HandWrittenQueries.Kernel hand;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    allocator = new RootAllocator();
    SourceProvider provider =
        Connectors.load(BenchmarkCalcKernel.class.getClassLoader()).source("nexmark");
    ConnectorOptions options =
        new ConnectorOptions(
            "nexmark", Map.of("table", "bid", "maxEvents", Long.toString(CHUNKS * 4096L * 2)));
    try (Source source =
        provider.create(new SourceContext(options, Optional.empty(), Clock.system()))) {
      long end = source.latestOffsets()[0];
      try (PartitionReader reader = source.createReader(0, 0, end, 4096, allocator)) {
        while (chunks.size() < CHUNKS) {
          try (Batch batch = reader.next()) {
            if (batch == null) {
              throw new IllegalStateException("the generator ran out of bids");
            }
            chunks.add(batch.slice(0, ROWS, allocator));
          }
        }
      }
    }

    Catalog catalog = new Catalog();
    Schema bidSchema = chunks.get(0).schema();
    catalog.register(
        CatalogEntry.stream(
            "bid",
            bidSchema,
            new SourceFactory() {
              @Override
              public Source create(Clock clock) {
                return provider.create(new SourceContext(options, Optional.empty(), clock));
              }

              @Override
              public String description() {
                return "nexmark(bid)";
              }
            }),
        false);
    String sql =
        switch (query) {
          case "q0" -> "SELECT auction, bidder, price, date_time, extra FROM bid";
          case "q1" -> "SELECT auction, bidder, price * 0.908 AS price, date_time, extra FROM bid";
          case "q1narrow" -> "SELECT auction, bidder, price * 0.908 AS price, date_time FROM bid";
          case "q2" -> "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
          default -> throw new IllegalArgumentException(query);
        };
    CalcSpec calc = findCalc(new SluicePlanner(catalog).plan(sql).spec().root());
    kernel =
        ExpressionCompiler.compile(
            calc.input().schema(), calc.condition(), calc.projections(), Map.of());
    outputSchema = calc.schema();
    int q1Precision = query.startsWith("q1") ? outputSchema.field(2).type().precision() : 23;
    hand = HandWrittenQueries.kernel(query, q1Precision);
  }

  private static CalcSpec findCalc(PlanSpec root) {
    List<PlanSpec> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      PlanSpec spec = pending.remove(0);
      if (spec instanceof CalcSpec calc) {
        return calc;
      }
      pending.addAll(spec.inputs());
    }
    throw new IllegalStateException("no calc in the plan " + root);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    chunks.forEach(Batch::close);
    allocator.close();
  }

  private Batch nextChunk() {
    Batch chunk = chunks.get(next);
    next = (next + 1) % CHUNKS;
    return chunk;
  }

  /** The engine's kernel, with output vectors allocated as {@code CalcOperator} does. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int sluiceKernel() {
    Batch chunk = nextChunk();
    List<FieldVector> out = Batch.newVectors(outputSchema, allocator);
    try {
      for (FieldVector vector : out) {
        vector.setInitialCapacity(ROWS);
        vector.allocateNew();
      }
      return kernel.evaluate(chunk.vectorArray(), ROWS, out.toArray(new FieldVector[0]));
    } finally {
      out.forEach(FieldVector::close);
    }
  }

  /** The hand-written loop of the harness. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long handWritten() {
    return hand.process(nextChunk(), allocator);
  }
}
