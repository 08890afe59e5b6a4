package org.conduit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The digits written by hand are the text the format pattern defines, for every instant. */
class UtcMillisTest {

  @Test
  void writesWhatThePatternDefines() {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2016-02-18T03:22:56Z"),
                Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                LocalDateTime.MIN.toInstant(ZoneOffset.UTC),
                LocalDateTime.MAX.toInstant(ZoneOffset.UTC)));
    SplittableRandom random = new SplittableRandom(20261127);
    for (int i = 0; i < 200_000; i++) {
      // Mostly years 1900-2100, then anywhere a date-time can be (the pattern cannot print an
      // Instant beyond that either).
      long seconds =
          i % 10 == 0
              ? random.nextLong(
                  LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC),
                  LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC))
              : random.nextLong(-2_208_988_800L, 4_102_444_800L);
      instants.add(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));
    }
    for (Instant instant : instants) {
      assertEquals(UtcMillis.FORMAT.format(instant), UtcMillis.format(instant), instant::toString);
    }
  }
}
