package dev.sluice.sources.nexmark;

import dev.sluice.execution.error.ErrorCode;
import dev.sluice.execution.error.SluiceException;
import dev.sluice.execution.type.Field;
import dev.sluice.execution.type.Schema;
import dev.sluice.execution.type.SqlType;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The three kinds of Nexmark event; a {@code nexmark} source emits the events of one of them (its
 * {@code table} option) with that kind's schema. Column names are snake_case ({@code date_time},
 * since {@code DATETIME} is reserved in Calcite).
 */
public enum NexmarkTable {
  /** People who register to sell or bid. */
  PERSON(
      Schema.of(
          Field.nullable("id", SqlType.BIGINT),
          Field.nullable("name", SqlType.VARCHAR),
          Field.nullable("email_address", SqlType.VARCHAR),
          Field.nullable("credit_card", SqlType.VARCHAR),
          Field.nullable("city", SqlType.VARCHAR),
          Field.nullable("state", SqlType.VARCHAR),
          Field.nullable("date_time", SqlType.TIMESTAMP),
          Field.nullable("extra", SqlType.VARCHAR)),
      new int[] {8, 12, 16, 19, 8, 2, 8, 140}),
  /** Auctions a person opens. */
  AUCTION(
      Schema.of(
          Field.nullable("id", SqlType.BIGINT),
          Field.nullable("item_name", SqlType.VARCHAR),
          Field.nullable("description", SqlType.VARCHAR),
          Field.nullable("initial_bid", SqlType.BIGINT),
          Field.nullable("reserve", SqlType.BIGINT),
          Field.nullable("date_time", SqlType.TIMESTAMP),
          Field.nullable("expires", SqlType.TIMESTAMP),
          Field.nullable("seller", SqlType.BIGINT),
          Field.nullable("category", SqlType.BIGINT),
          Field.nullable("extra", SqlType.VARCHAR)),
      new int[] {8, 12, 52, 8, 8, 8, 8, 8, 8, 400}),
  /** Bids on auctions. */
  BID(
      Schema.of(
          Field.nullable("auction", SqlType.BIGINT),
          Field.nullable("bidder", SqlType.BIGINT),
          Field.nullable("price", SqlType.BIGINT),
          Field.nullable("channel", SqlType.VARCHAR),
          Field.nullable("url", SqlType.VARCHAR),
          Field.nullable("date_time", SqlType.TIMESTAMP),
          Field.nullable("extra", SqlType.VARCHAR)),
      new int[] {8, 8, 8, 10, 64, 8, 70});

  private final Schema schema;
  private final int[] averageWidths;

  NexmarkTable(Schema schema, int[] averageWidths) {
    this.schema = schema;
    this.averageWidths = averageWidths;
  }

  /** The columns of this kind of event, in the order the generator writes them. */
  public Schema schema() {
    return schema;
  }

  /** The value of the {@code table} option that selects this kind. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** About how many bytes a value of column {@code column} takes; sizes the vectors up front. */
  int averageWidth(int column) {
    return averageWidths[column];
  }

  /**
   * The table named by a {@code table} option value, case-insensitively.
   *
   * @throws SluiceException INVALID_OPTION listing the valid values
   */
  public static NexmarkTable fromOption(String value) {
    for (NexmarkTable table : values()) {
      if (table.optionValue().equalsIgnoreCase(value.trim())) {
        return table;
      }
    }
    throw new SluiceException(
        ErrorCode.INVALID_OPTION,
        "option 'table' of connector 'nexmark' is '"
            + value
            + "' but must be one of: "
            + Arrays.stream(values())
                .map(NexmarkTable::optionValue)
                .collect(Collectors.joining(", ")));
  }
}
