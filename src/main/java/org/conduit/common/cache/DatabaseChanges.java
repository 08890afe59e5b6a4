package org.conduit.common.cache;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells the caches what changed in the database, so that they never serve what a committed change
 * made stale. Two sources, both fired as {@link Change} events:
 *
 * <ul>
 *   <li>the database: one connection of the pool LISTENs to the channel {@code conduit_<schema>},
 *       on which the V52 triggers announce every committed change to accounts and list content,
 *       whoever made it (another replica, an administration command, SQL by hand);
 *   <li>this service's own writes, announced with {@link #afterCommit} the moment they commit, so
 *       that a client reads its own writes on its next request without waiting for the
 *       notification.
 * </ul>
 *
 * <p>While the listening connection is down (database restart, failover, network) the feed is not
 * {@link #live()}: caches then neither serve nor keep anything, and every cached read is dropped
 * when the feed goes down and again when it comes back, since changes in between were not heard.
 */
@ApplicationScoped
public class DatabaseChanges {

  private static final Logger LOG = Logger.getLogger(DatabaseChanges.class);
  private static final int POLL_MILLIS = 500;
  private static final long CHECK_NANOS = Duration.ofSeconds(5).toNanos();
  private static final long RETRY_MILLIS = 1000;

  private final AgroalDataSource dataSource;
  private final Event<Change> events;
  private final TransactionSynchronizationRegistry transactions;
  private final boolean enabled;

  private volatile boolean live;
  private volatile boolean running;
  private Thread listener;

  public DatabaseChanges(
      AgroalDataSource dataSource,
      Event<Change> events,
      TransactionSynchronizationRegistry transactions,
      CacheSettings settings,
      MeterRegistry registry) {
    this.dataSource = dataSource;
    this.events = events;
    this.transactions = transactions;
    this.enabled = settings.enabled();
    if (enabled) {
      // 0 while this replica hears no changes: its caches are bypassed (docker/prometheus alerts).
      Gauge.builder("conduit.database.changes.listening", this, changes -> changes.live ? 1 : 0)
          .description("1 while this replica hears the database's changes, 0 while it does not")
          .register(registry);
    }
  }

  /** Whether changes are being heard right now; cached reads may only be served while they are. */
  public boolean live() {
    return live;
  }

  /**
   * Announces a change of the running transaction to this service's caches once it commits (and not
   * at all when it rolls back). Other replicas hear of it from the database.
   */
  public void afterCommit(Change change) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              events.fire(change);
            }
          }
        });
  }

  void start(@Observes StartupEvent event) {
    if (!enabled) {
      LOG.debug("Caches are off (conduit.cache.enabled=false): every read goes to the database");
      return;
    }
    running = true;
    listener = new Thread(this::listen, "conduit-database-changes");
    listener.setDaemon(true);
    listener.start();
  }

  /** The listener stops within one poll and gives its connection back before the pool closes. */
  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    if (listener != null) {
      listener.join(2 * POLL_MILLIS + 1000);
    }
  }

  private void listen() {
    boolean warned = false;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        String channel = "conduit_" + schemaOf(connection);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN \"" + channel.replace("\"", "\"\"") + "\"");
        }
        PGConnection notifications = connection.unwrap(PGConnection.class);
        setLive(true);
        LOG.infof("Listening for database changes on channel %s", channel);
        warned = false;
        long checked = System.nanoTime();
        while (running) {
          PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
          if (received != null) {
            for (PGNotification notification : received) {
              events.fire(Change.parse(notification.getParameter()));
            }
          }
          // A peer that vanished without closing the socket is only found by asking.
          if (System.nanoTime() - checked > CHECK_NANOS) {
            if (!connection.isValid(2)) {
              throw new SQLException("the listening connection stopped answering");
            }
            checked = System.nanoTime();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running && !warned) {
          LOG.warnf(
              "Not hearing database changes (%s); caches are bypassed until the connection is back",
              e.getClass().getSimpleName());
          warned = true;
        }
      } finally {
        if (running) {
          setLive(false);
        } else {
          live = false;
        }
      }
      pause();
    }
  }

  private void setLive(boolean now) {
    if (live != now) {
      live = now;
      events.fire(Change.everything());
    }
  }

  private static String schemaOf(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_schema()")) {
      result.next();
      return result.getString(1);
    }
  }

  private void pause() {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
