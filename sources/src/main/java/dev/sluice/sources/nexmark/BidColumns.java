package dev.sluice.sources.nexmark;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Bid events: the auction is the hot auction half the time, else one of the last 101 auctions; the
 * bidder is the group's hot bidder 3 times in 4, else an active person; log-uniform price; half the
 * bids come from one of 4 hot channels, the rest from one of 10 000 channels; padding to 100 bytes
 * on average.
 */
final class BidColumns implements TableColumns {
  private static final int AVERAGE_SIZE = 100;
  private static final int HOT_AUCTION_RATIO = 2;
  private static final int HOT_BIDDER_RATIO = 4;
  private static final int HOT_CHANNEL_RATIO = 2;

  private final NexmarkOptions options;
  private final EventRandom random;
  private BigIntVector auction;
  private BigIntVector bidder;
  private BigIntVector price;
  private VarCharVector channel;
  private VarCharVector url;
  private TimeStampMilliVector dateTime;
  private VarCharVector extra;

  BidColumns(NexmarkOptions options) {
    this.options = requireNonNull(options, "options is null");
    this.random = new EventRandom(options.seed());
  }

  @Override
  public void bind(FieldVector[] columns) {
    auction = (BigIntVector) columns[0];
    bidder = (BigIntVector) columns[1];
    price = (BigIntVector) columns[2];
    channel = (VarCharVector) columns[3];
    url = (VarCharVector) columns[4];
    dateTime = (TimeStampMilliVector) columns[5];
    extra = (VarCharVector) columns[6];
  }

  @Override
  public void write(long eventNumber, int row) {
    random.reset(eventNumber);
    long lastAuction = EventMix.lastAuctionIndex(eventNumber);
    long auctionIndex =
        random.nextInt(HOT_AUCTION_RATIO) > 0
            ? Distributions.hotAuction(lastAuction)
            : Distributions.recentAuction(lastAuction, random);
    long lastPerson = EventMix.lastPersonIndex(eventNumber);
    long bidderIndex =
        random.nextInt(HOT_BIDDER_RATIO) > 0
            ? Distributions.hotPerson(lastPerson) + 1
            : Distributions.activePerson(lastPerson, random);
    long amount = Distributions.price(random);
    byte[] channelName;
    byte[] channelUrl;
    if (random.nextInt(HOT_CHANNEL_RATIO) > 0) {
      int hot = random.nextInt(NexmarkText.HOT_CHANNELS.length);
      channelName = NexmarkText.HOT_CHANNELS[hot];
      channelUrl = NexmarkText.HOT_URLS[hot];
    } else {
      int other = random.nextInt(NexmarkText.CHANNEL_COUNT);
      channelName = NexmarkText.CHANNELS[other];
      channelUrl = NexmarkText.CHANNEL_URLS[other];
    }
    long padding = NexmarkText.extra(random, 8 * 4, AVERAGE_SIZE);

    if (auction != null) {
      auction.setSafe(row, EventMix.FIRST_AUCTION_ID + auctionIndex);
    }
    if (bidder != null) {
      bidder.setSafe(row, EventMix.FIRST_PERSON_ID + bidderIndex);
    }
    if (price != null) {
      price.setSafe(row, amount);
    }
    if (channel != null) {
      channel.setSafe(row, channelName, 0, channelName.length);
    }
    if (url != null) {
      url.setSafe(row, channelUrl, 0, channelUrl.length);
    }
    if (dateTime != null) {
      dateTime.setSafe(row, options.eventTime(eventNumber));
    }
    if (extra != null) {
      NexmarkText.write(extra, row, NexmarkText.LETTERS, padding);
    }
  }
}
