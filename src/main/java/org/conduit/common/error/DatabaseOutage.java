package org.conduit.common.error;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The database as this replica sees it: up, or down since the first request it could not serve. An
 * outage (a restart, a failover, a lost network) is written to the log twice, when the first
 * request fails and when a connection works again, however many requests are answered 503 in
 * between: one warning per request would bury the two lines an operator needs under thousands.
 *
 * <p>While it is down, a thread of its own asks the pool for a working connection every {@value
 * #PROBE_MILLIS} ms (the pool validates what it lends, and a multi-host URL finds the new primary),
 * so that the end is seen even when no request comes.
 */
@Singleton
@Startup // its counter is exported from the start, at 0, not from the first failure
class DatabaseOutage {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);

  static final long PROBE_MILLIS = 500;

  /** Since when, and how many requests were answered 503 for it. */
  private record Outage(long startedNanos, LongAdder refused) {}

  private final BooleanSupplier databaseWorks;
  private final Counter answered;
  private final AtomicReference<Outage> current = new AtomicReference<>();

  @Inject
  DatabaseOutage(AgroalDataSource dataSource, MeterRegistry registry) {
    this(() -> works(dataSource), registry);
  }

  /** With {@code databaseWorks} asked whether the outage is over (tests). */
  DatabaseOutage(BooleanSupplier databaseWorks, MeterRegistry registry) {
    this.databaseWorks = databaseWorks;
    this.answered =
        Counter.builder("conduit.database.unavailable")
            .description("Requests answered 503 because the database could not be reached")
            .register(registry);
  }

  /** A request failed because the database could not be reached. */
  void refused(Throwable cause) {
    Outage outage = current.get();
    if (outage == null) {
      Outage started = new Outage(System.nanoTime(), new LongAdder());
      outage = current.compareAndExchange(null, started);
      if (outage == null) {
        outage = started;
        LOG.warnf(
            "Database unavailable (%s): requests are answered 503 until a connection works again",
            DatabaseFailures.describe(cause));
        Thread probe = new Thread(() -> awaitEnd(started), "conduit-database-probe");
        probe.setDaemon(true);
        probe.start();
      }
    }
    outage.refused().increment();
    answered.increment();
  }

  private void awaitEnd(Outage outage) {
    while (!databaseWorks.getAsBoolean()) {
      try {
        Thread.sleep(PROBE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    current.set(null);
    LOG.infof(
        "Database available again after %.1f s; %d requests were answered 503 meanwhile",
        Duration.ofNanos(System.nanoTime() - outage.startedNanos()).toMillis() / 1000.0,
        outage.refused().sum());
  }

  private static boolean works(AgroalDataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
