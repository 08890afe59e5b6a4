package org.conduit.throttle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One clock: everything the throttle decides (a bucket's window, its expiry, a known address's age)
 * is compared with the database's {@code now()}, so that replicas whose clocks differ never
 * disagree, and none lifts a lock early. A read of this JVM's clock in the throttle fails here.
 */
class ThrottleClockTest {

  private static final List<String> LOCAL_CLOCKS =
      List.of(
          "Instant.now(",
          "OffsetDateTime.now(",
          "LocalDateTime.now(",
          "ZonedDateTime.now(",
          "Timestamps.now(",
          "System.currentTimeMillis(",
          "System.nanoTime(",
          "Clock.system",
          "import static java.time.");

  @Test
  void theThrottleReadsNoClockButTheDatabases() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/org/conduit/throttle"))) {
      for (Path file : files.toList()) {
        String source = Files.readString(file);
        for (String clock : LOCAL_CLOCKS) {
          assertTrue(!source.contains(clock), file + " reads this JVM's clock: " + clock);
        }
      }
    }
  }
}
