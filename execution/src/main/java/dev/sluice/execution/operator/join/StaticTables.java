package dev.sluice.execution.operator.join;

import static java.util.Objects.requireNonNull;

import dev.sluice.execution.batch.Row;
import dev.sluice.execution.plan.PlanSpec;
import dev.sluice.execution.plan.QuerySpec;
import dev.sluice.execution.plan.StaticJoinSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The static sides of one query's joins, each read and hashed once for the whole run of the query
 * and shared, read-only, by every partition's join operator. The driver {@link #prepare}s them on
 * its own thread before a batch's tasks start (reading a table runs tasks on the same pool, which a
 * task waiting for them could starve), and closes them when the query ends.
 */
public final class StaticTables implements AutoCloseable {
  /** Runs a static side's plan as a one-off query and returns its rows. */
  @FunctionalInterface
  public interface Reader {
    List<Row> read(QuerySpec table);
  }

  private record Key(QuerySpec table, List<Integer> keys) {}

  private final Reader reader;
  private final BufferAllocator allocator;
  private final Map<Key, StaticTable> built = new ConcurrentHashMap<>();

  /**
   * @param allocator holds the tables' vectors until {@link #close()}
   */
  public StaticTables(Reader reader, BufferAllocator allocator) {
    this.reader = requireNonNull(reader, "reader is null");
    this.allocator = requireNonNull(allocator, "allocator is null");
  }

  /** Reads and hashes the static side of every join in {@code root} not built yet. */
  public void prepare(PlanSpec root) {
    if (root instanceof StaticJoinSpec join) {
      built.computeIfAbsent(
          key(join),
          key ->
              StaticTable.build(
                  join.table().root().schema(),
                  reader.read(join.table()),
                  join.tableKeys(),
                  allocator));
    }
    root.inputs().forEach(this::prepare);
  }

  /** The built static side of {@code join}; {@link #prepare} must have seen it. */
  StaticTable get(StaticJoinSpec join) {
    StaticTable table = built.get(key(join));
    if (table == null) {
      throw new IllegalStateException("the static side of a join was not prepared: " + join);
    }
    return table;
  }

  private static Key key(StaticJoinSpec join) {
    return new Key(join.table(), join.tableKeys());
  }

  @Override
  public void close() {
    built.values().forEach(StaticTable::close);
    built.clear();
  }
}
