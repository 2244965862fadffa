package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Auction events: id in creation order from 1000; the seller is the group's hot person 3 times in
 * 4, else an active person; category 10-14 uniformly; log-uniform initial bid, and a reserve of
 * initial bid plus another such price; an auction runs 1 ms up to twice the event time it takes to
 * create 100 more auctions (uniformly); padding to 500 bytes on average.
 */
final class AuctionColumns implements TableColumns {
  private static final int AVERAGE_SIZE = 500;
  private static final int HOT_SELLER_RATIO = 4;
  private static final int CATEGORIES = 5;

  /** Events until {@link Distributions#AUCTIONS_IN_FLIGHT} more auctions exist: 1666. */
  private static final long HORIZON_EVENTS =
      (long) Distributions.AUCTIONS_IN_FLIGHT
          * EventMix.TOTAL_PROPORTION
          / EventMix.AUCTION_PROPORTION;

  private final NexmarkOptions options;
  private final EventRandom random;
  private BigIntVector id;
  private VarCharVector itemName;
  private VarCharVector description;
  private BigIntVector initialBid;
  private BigIntVector reserve;
  private TimeStampMilliVector dateTime;
  private TimeStampMilliVector expires;
  private BigIntVector seller;
  private BigIntVector category;
  private VarCharVector extra;

  AuctionColumns(NexmarkOptions options) {
    this.options = requireNonNull(options, "options is null");
    this.random = new EventRandom(options.seed());
  }

  @Override
  public void bind(FieldVector[] columns) {
    id = (BigIntVector) columns[0];
    itemName = (VarCharVector) columns[1];
    description = (VarCharVector) columns[2];
    initialBid = (BigIntVector) columns[3];
    reserve = (BigIntVector) columns[4];
    dateTime = (TimeStampMilliVector) columns[5];
    expires = (TimeStampMilliVector) columns[6];
    seller = (BigIntVector) columns[7];
    category = (BigIntVector) columns[8];
    extra = (VarCharVector) columns[9];
  }

  @Override
  public void write(long eventNumber, int row) {
    random.reset(eventNumber);
    long lastPerson = EventMix.lastPersonIndex(eventNumber);
    long sellerIndex =
        random.nextInt(HOT_SELLER_RATIO) > 0
            ? Distributions.hotPerson(lastPerson)
            : Distributions.activePerson(lastPerson, random);
    long categoryId = EventMix.FIRST_CATEGORY_ID + random.nextInt(CATEGORIES);
    long initial = Distributions.price(random);
    long time = options.eventTime(eventNumber);
    long horizon = options.eventTime(eventNumber + HORIZON_EVENTS) - time;
    long end = time + 1 + random.nextLong(Math.max(horizon * 2, 1));
    long name = NexmarkText.phrase(random, 20);
    long text = NexmarkText.phrase(random, 100);
    long reservePrice = initial + Distributions.price(random);
    int size = 8 + NexmarkText.length(name) + NexmarkText.length(text) + 8 * 5;
    long padding = NexmarkText.extra(random, size, AVERAGE_SIZE);

    if (id != null) {
      id.setSafe(row, EventMix.FIRST_AUCTION_ID + EventMix.lastAuctionIndex(eventNumber));
    }
    if (itemName != null) {
      NexmarkText.write(itemName, row, NexmarkText.WORDS, name);
    }
    if (description != null) {
      NexmarkText.write(description, row, NexmarkText.WORDS, text);
    }
    if (initialBid != null) {
      initialBid.setSafe(row, initial);
    }
    if (reserve != null) {
      reserve.setSafe(row, reservePrice);
    }
    if (dateTime != null) {
      dateTime.setSafe(row, time);
    }
    if (expires != null) {
      expires.setSafe(row, end);
    }
    if (seller != null) {
      seller.setSafe(row, EventMix.FIRST_PERSON_ID + sellerIndex);
    }
    if (category != null) {
      category.setSafe(row, categoryId);
    }
    if (extra != null) {
      NexmarkText.write(extra, row, NexmarkText.LETTERS, padding);
    }
  }
}
