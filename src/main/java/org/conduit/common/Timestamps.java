package org.conduit.common;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The service's notion of "now". Timestamps are kept to the millisecond: that is what the API
 * shows, so what is stored, compared and rendered is always the same value.
 */
public final class Timestamps {

  private static final Clock CLOCK = Clock.systemUTC();

  private Timestamps() {}

  public static Instant now() {
    return Instant.now(CLOCK).truncatedTo(ChronoUnit.MILLIS);
  }
}
