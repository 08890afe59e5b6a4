package org.conduit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dates always carry three fraction digits, truncated, in UTC. */
class UtcMillisTest {

  private final ObjectMapper mapper = new ObjectMapper();

  UtcMillisTest() {
    new UtcMillis().customize(mapper);
  }

  private String json(String instant) throws Exception {
    return mapper.writeValueAsString(Instant.parse(instant));
  }

  @Test
  void writesExactlyThreeFractionDigits() throws Exception {
    assertEquals("\"2016-02-18T03:22:56.000Z\"", json("2016-02-18T03:22:56Z"));
    assertEquals("\"1970-01-01T00:00:00.000Z\"", json("1970-01-01T00:00:00Z"));
    assertEquals("\"2024-02-29T23:59:59.999Z\"", json("2024-02-29T23:59:59.999999999Z"));
    assertEquals("\"2026-12-02T10:00:00.120Z\"", json("2026-12-02T10:00:00.12Z"));
  }

  /** The fast path writes what the JDK's formatter writes, at the edges and anywhere between. */
  @Test
  void writesWhatTheFormatterWrites() {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.EPOCH.minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2000-02-29T12:00:00.0005Z"),
                Instant.parse("1969-12-31T23:59:59.999Z")));
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      long seconds = random.nextLong(-100_000_000_000L, 300_000_000_000L);
      instants.add(Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000)));
    }
    for (Instant instant : instants) {
      assertEquals(UtcMillis.FORMAT.format(instant), UtcMillis.format(instant), instant::toString);
    }
  }
}
