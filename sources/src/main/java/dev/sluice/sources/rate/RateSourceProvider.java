package dev.sluice.sources.rate;

import dev.sluice.execution.connector.ConnectorOptions;
import dev.sluice.execution.connector.Source;
import dev.sluice.execution.connector.SourceContext;
import dev.sluice.execution.connector.SourceProvider;
import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.sources.SourceOptions;
import java.util.Set;

/**
 * The {@code rate} source, like Spark's: {@code rowsPerSecond} rows a second (default 1) of {@code
 * (timestamp TIMESTAMP(3) NOT NULL, value BIGINT NOT NULL)}, spread over {@code numPartitions}
 * partitions (default 1). See {@link RateSource} for how values, timestamps and offsets relate.
 */
public final class RateSourceProvider implements SourceProvider {
  static final String ROWS_PER_SECOND = "rowsPerSecond";
  static final String NUM_PARTITIONS = "numPartitions";

  @Override
  public String name() {
    return "rate";
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(ROWS_PER_SECOND, NUM_PARTITIONS);
  }

  /**
   * Creates a rate source whose time starts now on the context's clock.
   *
   * @throws SluiceException INVALID_OPTION for a non-positive rate or partition count,
   *     TYPE_MISMATCH when a declared schema is not the rate source's schema
   */
  @Override
  public Source create(SourceContext context) {
    ConnectorOptions options = context.options();
    long rowsPerSecond = options.getPositiveLong(ROWS_PER_SECOND, 1);
    int partitions = SourceOptions.positiveInt(options, NUM_PARTITIONS, 1);
    Schema schema =
        context.declaredSchema().map(RateSourceProvider::check).orElse(RateSource.SCHEMA);
    return new RateSource(schema, rowsPerSecond, partitions, context.clock());
  }

  /**
   * Accepts a declared schema with the rate source's column names (in any case) and types, in
   * order; nullability may differ, since the source never produces NULL.
   */
  private static Schema check(Schema declared) {
    boolean matches = declared.size() == RateSource.SCHEMA.size();
    for (int i = 0; matches && i < declared.size(); i++) {
      Field expected = RateSource.SCHEMA.field(i);
      Field actual = declared.field(i);
      matches =
          actual.name().equalsIgnoreCase(expected.name())
              && actual.type().kind() == expected.type().kind();
    }
    if (!matches) {
      throw new SluiceException(
          ErrorCode.TYPE_MISMATCH,
          "the rate source produces "
              + RateSource.SCHEMA
              + " but the declared schema is "
              + declared
              + "; declare exactly these columns or none");
    }
    return declared;
  }
}
