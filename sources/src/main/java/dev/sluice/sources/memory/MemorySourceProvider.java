package dev.sluice.sources.memory;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.SourceProvider;
import dev.sluice.execution.connector.memory.MemoryStream;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Schema;
import dev.sluice.sources.SourceOptions;
import java.util.Set;

/**
 * The {@code memory} source: a {@link MemoryStream} that tests and the shell add rows to.
 *
 * <p>Options: {@code name} (default {@code memory}) names the stream in descriptions; {@code
 * partitions} (default 1) is its partition count. The schema is the one the user declared ({@code
 * CREATE STREAM s (...) WITH (connector = 'memory')}); there is no other way to know it.
 */
public final class MemorySourceProvider implements SourceProvider {
  static final String NAME = "name";
  static final String PARTITIONS = "partitions";

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(NAME, PARTITIONS);
  }

  /**
   * Creates an empty stream.
   *
   * @throws SluiceException MISSING_OPTION when no schema was declared, INVALID_OPTION when {@code
   *     partitions} is not a positive integer
   */
  @Override
  public Source create(SourceContext context) {
    ConnectorOptions options = context.options();
    Schema schema =
        context
            .declaredSchema()
            .orElseThrow(
                () ->
                    new SluiceException(
                        ErrorCode.MISSING_OPTION,
                        "the memory source needs a declared schema: declare the columns, e.g."
                            + " CREATE STREAM s (id BIGINT, name VARCHAR) WITH (connector ="
                            + " 'memory')"));
    int partitions = SourceOptions.positiveInt(options, PARTITIONS, 1);
    return new MemoryStream(options.getString(NAME, "memory"), schema, partitions);
  }
}
