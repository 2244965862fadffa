package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Person events: id in creation order from 1000; a name from 11 first x 9 last names; an email of
 * two random words; a 16-digit credit card; one of 10 cities and 6 states; padding to 200 bytes on
 * average.
 */
final class PersonColumns implements TableColumns {
  private static final int AVERAGE_SIZE = 200;

  private final NexmarkOptions options;
  private final EventRandom random;
  private final byte[] email = new byte[32];
  private final byte[] creditCard = new byte[19];
  private BigIntVector id;
  private VarCharVector name;
  private VarCharVector emailAddress;
  private VarCharVector creditCardColumn;
  private VarCharVector city;
  private VarCharVector state;
  private TimeStampMilliVector dateTime;
  private VarCharVector extra;

  PersonColumns(NexmarkOptions options) {
    this.options = requireNonNull(options, "options is null");
    this.random = new EventRandom(options.seed());
  }

  @Override
  public void bind(FieldVector[] columns) {
    id = (BigIntVector) columns[0];
    name = (VarCharVector) columns[1];
    emailAddress = (VarCharVector) columns[2];
    creditCardColumn = (VarCharVector) columns[3];
    city = (VarCharVector) columns[4];
    state = (VarCharVector) columns[5];
    dateTime = (TimeStampMilliVector) columns[6];
    extra = (VarCharVector) columns[7];
  }

  @Override
  public void write(long eventNumber, int row) {
    random.reset(eventNumber);
    byte[] personName = NexmarkText.PERSON_NAMES[random.nextInt(NexmarkText.PERSON_NAMES.length)];
    int emailLength = NexmarkText.email(random, email);
    NexmarkText.creditCard(random, creditCard);
    byte[] cityName = NexmarkText.CITIES[random.nextInt(NexmarkText.CITIES.length)];
    byte[] stateName = NexmarkText.STATES[random.nextInt(NexmarkText.STATES.length)];
    int size =
        8
            + personName.length
            + emailLength
            + creditCard.length
            + cityName.length
            + stateName.length;
    long padding = NexmarkText.extra(random, size, AVERAGE_SIZE);

    if (id != null) {
      id.setSafe(row, EventMix.FIRST_PERSON_ID + EventMix.lastPersonIndex(eventNumber));
    }
    if (name != null) {
      name.setSafe(row, personName, 0, personName.length);
    }
    if (emailAddress != null) {
      emailAddress.setSafe(row, email, 0, emailLength);
    }
    if (creditCardColumn != null) {
      creditCardColumn.setSafe(row, creditCard, 0, creditCard.length);
    }
    if (city != null) {
      city.setSafe(row, cityName, 0, cityName.length);
    }
    if (state != null) {
      state.setSafe(row, stateName, 0, stateName.length);
    }
    if (dateTime != null) {
      dateTime.setSafe(row, options.eventTime(eventNumber));
    }
    if (extra != null) {
      NexmarkText.write(extra, row, NexmarkText.LETTERS, padding);
    }
  }
}
