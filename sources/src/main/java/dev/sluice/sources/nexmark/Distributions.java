package dev.sluice.sources.nexmark;

/**
 * The random choices of the Nexmark generator that more than one kind of event makes, with the
 * reference generator's parameters.
 */
final class Distributions {
  /** Hot people and auctions are the first of each group of this many ids. */
  static final int HOT_GROUP = 100;

  /** People chosen at random come from the last this-many people (plus {@link #PERSON_LEAD}). */
  static final int ACTIVE_PEOPLE = 1000;

  /** A random person may be up to this many ids ahead of the last one created. */
  static final int PERSON_LEAD = 10;

  /** Auctions chosen at random come from the last this-many auctions. */
  static final int AUCTIONS_IN_FLIGHT = 100;

  private Distributions() {}

  /**
   * A price in cents, log-uniform between 1.00 and 1 000 000.00: {@code round(10^(6u) * 100)} for
   * uniform {@code u}.
   */
  static long price(EventRandom random) {
    return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
  }

  /**
   * A 0-based person index among the last {@link #ACTIVE_PEOPLE} people, or up to {@link
   * #PERSON_LEAD} ahead of the last one (a person who will register a little later).
   */
  static long activePerson(long lastPersonIndex, EventRandom random) {
    long people = lastPersonIndex + 1;
    long active = Math.min(people, ACTIVE_PEOPLE);
    return people - active + random.nextInt((int) active + PERSON_LEAD);
  }

  /** The hot person of a group: the first index of the group of the last person. */
  static long hotPerson(long lastPersonIndex) {
    return lastPersonIndex / HOT_GROUP * HOT_GROUP;
  }

  /**
   * A 0-based auction index among the last {@link #AUCTIONS_IN_FLIGHT} + 1 auctions. Unlike the
   * reference generator (which may pick up to 10 auctions ahead), only auctions that already exist
   * are chosen, so every bid joins an earlier auction.
   */
  static long recentAuction(long lastAuctionIndex, EventRandom random) {
    long first = Math.max(lastAuctionIndex - AUCTIONS_IN_FLIGHT, 0);
    return first + random.nextInt((int) (lastAuctionIndex - first + 1));
  }

  /** The hot auction: the first auction of the group of the last auction. */
  static long hotAuction(long lastAuctionIndex) {
    return lastAuctionIndex / HOT_GROUP * HOT_GROUP;
  }
}
