package org.conduit.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The accounts behind tokens, kept between requests so that an authenticated request does not cost
 * a database round trip just to learn that its caller still exists, is active and holds a current
 * token version. An entry goes as soon as its account changes: at this service's own commit, and
 * through {@link DatabaseChanges} for changes made anywhere else. While changes cannot be heard,
 * every call reads the database.
 */
@ApplicationScoped
public class Accounts {

  private final DatabaseChanges changes;
  private final AgroalDataSource dataSource;
  private final Cache<Long, Account> cache;

  /** Raised by every change; a read that saw it move while loading does not keep what it read. */
  private final AtomicLong generation = new AtomicLong();

  public Accounts(
      DatabaseChanges changes,
      AgroalDataSource dataSource,
      @ConfigProperty(name = "conduit.cache.accounts", defaultValue = "10000") int size) {
    this.changes = changes;
    this.dataSource = dataSource;
    this.cache =
        Caffeine.newBuilder().maximumSize(size).expireAfterWrite(Duration.ofMinutes(10)).build();
  }

  /**
   * The account with this id when it is in memory and may be trusted: never blocks, so it can be
   * asked on an I/O thread. Empty means "ask {@link #find}", not "no such account".
   */
  public Optional<Account> known(long id) {
    return changes.live() ? Optional.ofNullable(cache.getIfPresent(id)) : Optional.empty();
  }

  /** The account with this id (blocking: may read the database). */
  public Optional<Account> find(long id) {
    if (!changes.live()) {
      return load(id);
    }
    Account cached = cache.getIfPresent(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    long seen = generation.get();
    Optional<Account> loaded = load(id);
    if (loaded.isPresent()) {
      cache.put(id, loaded.get());
      // Checked after the put: a change heard in between either sees the entry and removes it, or
      // moved the generation, and then it goes here.
      if (generation.get() != seen || !changes.live()) {
        cache.invalidate(id);
      }
    }
    return loaded;
  }

  void changed(@Observes Change change) {
    switch (change.kind()) {
      case ACCOUNT -> {
        generation.incrementAndGet();
        cache.invalidate(change.accountId());
      }
      case EVERYTHING -> {
        generation.incrementAndGet();
        cache.invalidateAll();
      }
      case CONTENT -> {}
    }
  }

  /**
   * Plain JDBC rather than the ORM: one indexed row, no persistence context, so that it can run on
   * any worker thread, inside a request or not.
   */
  private Optional<Account> load(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT email, username, bio, image, token_version, is_active"
                    + " FROM users WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Account(
                id,
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getInt(5),
                row.getBoolean(6)));
      }
    } catch (SQLException e) {
      throw new PersistenceException("reading account " + id, e);
    }
  }
}
