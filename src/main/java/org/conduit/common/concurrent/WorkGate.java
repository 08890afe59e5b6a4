package org.conduit.common.concurrent;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.conduit.common.error.ApiException;

/**
 * A bound on expensive work that would otherwise take as many worker threads, cores or database
 * connections as it has callers, and starve the cheap requests: password hashing (bcrypt is slow on
 * purpose) and the database reads of article lists that no cache holds (a crawler's). At most
 * {@code concurrency} run at once and at most {@code queue} more callers wait for a turn, first
 * come first served. A caller is refused at once (503) when the queue is full or when the work
 * ahead of it would take longer than {@code wait} (as long as the work has taken so far); one
 * admitted waits at most {@code wait}. Each refusal says in {@code Retry-After} how long the
 * callers ahead need to be served. So a burst the queue admits is served, and a flood holds no more
 * than {@code concurrency + queue} worker threads.
 */
public final class WorkGate {

  /** What the gate bounds, for messages. */
  private final String what;

  /** Work running now; fair, so waiting callers are served in arrival order. */
  private final Semaphore running;

  /** Callers running or waiting; never blocks. */
  private final Semaphore admitted;

  private final int concurrency;
  private final int capacity;
  private final long waitNanos;

  /** How long the work takes, a moving average of the last few (0 until the first). */
  private final AtomicLong workNanos = new AtomicLong();

  /** Callers refused since the start. */
  private final LongAdder refusals = new LongAdder();

  public WorkGate(String what, int concurrency, int queue, Duration wait) {
    if (concurrency < 1 || queue < 0 || wait.isNegative()) {
      throw new IllegalStateException(
          what
              + " needs concurrency >= 1, queue >= 0 and a wait >= 0, got "
              + concurrency
              + ", "
              + queue
              + ", "
              + wait);
    }
    this.what = what;
    this.concurrency = concurrency;
    this.capacity = concurrency + queue;
    this.running = new Semaphore(concurrency, true);
    this.admitted = new Semaphore(capacity);
    this.waitNanos = wait.toNanos();
  }

  /** Runs {@code work} within the bound, or throws a 503 when the bound is reached. */
  public <T> T run(Supplier<T> work) {
    // Endpoints are blocking, so this never happens today; should it, it is a bug to fix rather
    // than a stall of the event loop (a quarter of a second per login).
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(what + " must not run on an event loop");
    }
    if (!admitted.tryAcquire()) {
      throw busy();
    }
    try {
      // The callers ahead of this one, beyond those that start at once, finish `concurrency`
      // at a time.
      int ahead = callers() - 1;
      long expectedWait = Math.max(0, ahead - concurrency + 1) * workNanos.get() / concurrency;
      if (expectedWait > waitNanos || !running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        throw busy();
      }
      long start = System.nanoTime();
      try {
        return work.get();
      } finally {
        running.release();
        long took = System.nanoTime() - start;
        workNanos.updateAndGet(mean -> mean == 0 ? took : mean + (took - mean) / 8);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      admitted.release();
    }
  }

  /** Callers running or waiting now. */
  public int callers() {
    return capacity - admitted.availablePermits();
  }

  /** Callers refused since the start. */
  public long refusals() {
    return refusals.sum();
  }

  /**
   * Publishes the refusals as {@code conduit_work_refused_total{work="<tag>"}} (docker/prometheus
   * alerts) and returns this gate.
   */
  public WorkGate measured(MeterRegistry registry, String tag) {
    FunctionCounter.builder("conduit.work.refused", refusals, LongAdder::sum)
        .description("Callers refused (503) by a bound on expensive work")
        .tag("work", tag)
        .register(registry);
    return this;
  }

  /** 503, with the time the callers admitted now need to be served (at least a second). */
  private ApiException busy() {
    refusals.increment();
    long queued = callers();
    long drainNanos = queued * workNanos.get() / concurrency;
    return ApiException.unavailable(
        "server", "is busy, try again shortly", (drainNanos + 999_999_999L) / 1_000_000_000L);
  }
}
