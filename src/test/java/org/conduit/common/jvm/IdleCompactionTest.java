package org.conduit.common.jvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With an idle collection every second, the idle service soon has G1 run one, and the first one is
 * followed by a compaction: the collector's notification reaches {@link IdleHeap}. The other tests
 * run with the interval at 0, so G1 looks at it every second and sees the new one at once.
 */
@QuarkusTest
@TestProfile(IdleCompactionTest.ShortIdleInterval.class)
class IdleCompactionTest {

  public static class ShortIdleInterval implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("conduit.memory.idle-gc-interval", "1S");
    }
  }

  @Inject IdleHeap idleHeap;

  @Test
  void anIdleServiceIsCompacted() {
    assumeTrue(IdleHeap.usesG1(), "the JVM running the tests uses another collector");
    assertEquals("1000", IdleHeapTest.intervalOption().getValue(), "the start set the interval");
    await().atMost(Duration.ofSeconds(30)).until(() -> idleHeap.compactions() >= 1);
  }
}
