package dev.sluice.sources.nexmark;

/**
 * Which kind each global event is and which ids exist at that point, as in the Nexmark reference
 * generator. Events come in blocks of 50: in each block, event 0 is a person, events 1-3 are
 * auctions and events 4-49 are bids (proportions 1 : 3 : 46). Person and auction ids count up from
 * 1000 in event order, so the ids that exist at event {@code n} follow from {@code n} alone.
 */
final class EventMix {
  static final int PERSON_PROPORTION = 1;
  static final int AUCTION_PROPORTION = 3;
  static final int BID_PROPORTION = 46;
  static final int TOTAL_PROPORTION = PERSON_PROPORTION + AUCTION_PROPORTION + BID_PROPORTION;

  static final long FIRST_PERSON_ID = 1000;
  static final long FIRST_AUCTION_ID = 1000;
  static final long FIRST_CATEGORY_ID = 10;

  private EventMix() {}

  static NexmarkTable kindOf(long eventNumber) {
    long position = eventNumber % TOTAL_PROPORTION;
    if (position < PERSON_PROPORTION) {
      return NexmarkTable.PERSON;
    }
    return position < PERSON_PROPORTION + AUCTION_PROPORTION
        ? NexmarkTable.AUCTION
        : NexmarkTable.BID;
  }

  /**
   * The 0-based index of the last person created at or before event {@code n}: the person of event
   * {@code n} itself if it is one.
   */
  static long lastPersonIndex(long n) {
    long block = n / TOTAL_PROPORTION;
    long position = Math.min(n % TOTAL_PROPORTION, PERSON_PROPORTION - 1);
    return block * PERSON_PROPORTION + position;
  }

  /**
   * The 0-based index of the last auction created at or before event {@code n}: the auction of
   * event {@code n} itself if it is one, -1 before the first auction.
   */
  static long lastAuctionIndex(long n) {
    long block = n / TOTAL_PROPORTION;
    long position = n % TOTAL_PROPORTION;
    if (position < PERSON_PROPORTION) {
      return block * AUCTION_PROPORTION - 1;
    }
    long inBlock = Math.min(position - PERSON_PROPORTION, AUCTION_PROPORTION - 1);
    return block * AUCTION_PROPORTION + inBlock;
  }
}
