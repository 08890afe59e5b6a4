package org.conduit.common.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.conduit.common.error.ApiException;
import org.junit.jupiter.api.Test;

/** The bound on password hashing, without bcrypt: the work is a stand-in that takes some time. */
class WorkGateTest {

  @Test
  void neverRunsMoreThanItsPermitsAtOnce() throws Exception {
    WorkGate gate = new WorkGate("work", 3, 100, Duration.ofSeconds(30));
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(24);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        results.add(
            callers.submit(
                () ->
                    gate.run(
                        () -> {
                          most.accumulateAndGet(now.incrementAndGet(), Math::max);
                          sleep(10);
                          now.decrementAndGet();
                          return 1;
                        })));
      }
      int done = 0;
      for (Future<Integer> result : results) {
        done += result.get(60, TimeUnit.SECONDS);
      }
      assertEquals(48, done);
      assertEquals(3, most.get(), "24 callers at once, 3 permits");
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * A gate with one caller hashing (until {@link #release}) and one waiting for its turn, as the
   * gate itself counts them; each of the two returns its number once served.
   */
  private static final class OneRunningOneWaiting implements AutoCloseable {
    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService callers = Executors.newFixedThreadPool(2);
    final Future<Integer> first;
    final Future<Integer> queued;

    OneRunningOneWaiting(WorkGate gate) throws Exception {
      CountDownLatch running = new CountDownLatch(1);
      first =
          callers.submit(
              () ->
                  gate.run(
                      () -> {
                        running.countDown();
                        await(release);
                        return 1;
                      }));
      assertTrue(running.await(10, TimeUnit.SECONDS));
      queued = callers.submit(() -> gate.run(() -> 2));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.callers() == 2);
    }

    /** Lets the first finish; both are served. */
    void release() throws Exception {
      release.countDown();
      assertEquals(1, first.get(10, TimeUnit.SECONDS));
      assertEquals(2, queued.get(10, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
      release.countDown();
      callers.shutdownNow();
    }
  }

  @Test
  void aCallerBeyondTheQueueIsTurnedAwayAtOnce() throws Exception {
    WorkGate gate = new WorkGate("work", 1, 1, Duration.ofSeconds(30));
    try (OneRunningOneWaiting busyGate = new OneRunningOneWaiting(gate)) {
      long start = System.nanoTime();
      ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> 3));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no wait");
      assertEquals(503, busy.status());
      assertEquals("1", busy.headers().get("Retry-After"), "nothing measured yet: the least");
      assertEquals(1, gate.refusals(), "counted for conduit_work_refused_total");

      busyGate.release();
      assertEquals(4, gate.run(() -> 4), "permits are given back");
      assertEquals(1, gate.refusals(), "only refusals are counted");
    }
  }

  @Test
  void aWaitThatRunsOutIsA503() throws Exception {
    WorkGate gate = new WorkGate("work", 1, 10, Duration.ofMillis(200));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> first =
          holder.submit(
              () ->
                  gate.run(
                      () -> {
                        running.countDown();
                        await(release);
                        return 1;
                      }));
      assertTrue(running.await(10, TimeUnit.SECONDS));
      long start = System.nanoTime();
      ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> 2));
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200));
      assertEquals(503, busy.status());
      release.countDown();
      assertEquals(1, first.get(10, TimeUnit.SECONDS));
    } finally {
      release.countDown();
      holder.shutdownNow();
    }
  }

  @Test
  void aCallerWhoWouldWaitTooLongIsTurnedAwayAtOnceWithTheTimeTheQueueNeeds() throws Exception {
    WorkGate gate = new WorkGate("work", 1, 10, Duration.ofSeconds(1));
    gate.run(
        () -> {
          sleep(600);
          return 0;
        }); // a hash takes 0.6 s
    // One running, one waiting: a third would wait about 1.2 s.
    try (OneRunningOneWaiting busyGate = new OneRunningOneWaiting(gate)) {
      long start = System.nanoTime();
      ApiException busy = assertThrows(ApiException.class, () -> gate.run(() -> 3));
      assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "no wait");
      assertEquals(503, busy.status());
      // Three callers admitted at 0.6 s each, one at a time: served in 1.8 s.
      assertEquals("2", busy.headers().get("Retry-After"));

      busyGate.release();
    }
  }

  @Test
  void aFailingHashGivesItsPermitBack() {
    WorkGate gate = new WorkGate("work", 1, 0, Duration.ZERO);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            gate.run(
                () -> {
                  throw new IllegalArgumentException("bad hash");
                }));
    assertEquals(1, gate.run(() -> 1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
