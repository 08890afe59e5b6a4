package org.conduit.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
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
}
