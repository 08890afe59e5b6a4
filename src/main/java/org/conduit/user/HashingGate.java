package org.conduit.user;

import io.vertx.core.Context;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.conduit.common.error.ApiException;

/**
 * The bounded pool that password hashing runs in. bcrypt is slow on purpose, so without a bound a
 * flood of logins would hash on as many worker threads as it has connections, take every core and
 * starve the cheap requests. Here at most {@code concurrency} hashes run at once, at most {@code
 * queue} more callers wait for a turn, first come first served, each for at most {@code wait}; a
 * caller beyond that is answered 503 with Retry-After at once, so a flood can hold no more than
 * {@code concurrency + queue} worker threads.
 */
final class HashingGate {

  static final int RETRY_AFTER_SECONDS = 1;

  /** Hashes running now; fair, so waiting callers are served in arrival order. */
  private final Semaphore running;

  /** Callers running or waiting; never blocks. */
  private final Semaphore admitted;

  private final long waitNanos;

  HashingGate(int concurrency, int queue, Duration wait) {
    if (concurrency < 1 || queue < 0 || wait.isNegative()) {
      throw new IllegalStateException(
          "password hashing needs concurrency >= 1, queue >= 0 and a wait >= 0, got "
              + concurrency
              + ", "
              + queue
              + ", "
              + wait);
    }
    this.running = new Semaphore(concurrency, true);
    this.admitted = new Semaphore(concurrency + queue);
    this.waitNanos = wait.toNanos();
  }

  /** Runs {@code work} within the bound, or throws a 503 when the bound is reached. */
  <T> T run(Supplier<T> work) {
    // Endpoints are blocking, so this never happens today; should it, it is a bug to fix rather
    // than a stall of the event loop for a quarter of a second per login.
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("password hashing must not run on an event loop");
    }
    if (!admitted.tryAcquire()) {
      throw busy();
    }
    try {
      if (!running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        throw busy();
      }
      try {
        return work.get();
      } finally {
        running.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      admitted.release();
    }
  }

  private static ApiException busy() {
    return ApiException.unavailable("server", "is busy, try again shortly", RETRY_AFTER_SECONDS);
  }
}
