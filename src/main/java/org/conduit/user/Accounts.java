package org.conduit.user;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.conduit.common.cache.CacheSettings;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.CoherentCache;
import org.conduit.common.cache.DatabaseChanges;

/**
 * The accounts behind tokens, kept between requests so that an authenticated request does not cost
 * a database round trip just to learn that its caller still exists, is active and holds a current
 * token version. An entry goes as soon as its account changes: at this service's own commit, and
 * through {@link DatabaseChanges} for changes made anywhere else. While changes cannot be heard,
 * every call reads the database.
 */
@ApplicationScoped
public class Accounts {

  private final AgroalDataSource dataSource;
  private final CoherentCache<Long, Account> cache;

  public Accounts(DatabaseChanges changes, AgroalDataSource dataSource, CacheSettings settings) {
    this.dataSource = dataSource;
    this.cache = new CoherentCache<>(changes, settings.accounts());
  }

  /**
   * The account with this id when it is in memory and may be trusted: never blocks, so it can be
   * asked on an I/O thread. Empty means "ask {@link #find}", not "no such account".
   */
  public Optional<Account> known(long id) {
    return cache.known(id);
  }

  /** The account with this id (blocking: may read the database). */
  public Optional<Account> find(long id) {
    return Optional.ofNullable(cache.get(id, () -> load(id).orElse(null)));
  }

  void changed(@Observes Change change) {
    switch (change.kind()) {
      case ACCOUNT -> cache.drop(change.id());
      case EVERYTHING -> cache.dropAll();
      case CONTENT, FAVORITES, READER -> {}
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
                "SELECT email, username, bio, image, token_version, kept_token, is_active,"
                    + " is_staff, is_superuser FROM users WHERE id = ?")) {
      statement.setLong(1, id);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Account(
                id,
                row.getString("email"),
                row.getString("username"),
                row.getString("bio"),
                row.getString("image"),
                row.getInt("token_version"),
                row.getBytes("kept_token"),
                row.getBoolean("is_active"),
                row.getBoolean("is_staff"),
                row.getBoolean("is_superuser")));
      }
    } catch (SQLException e) {
      throw new PersistenceException("reading account " + id, e);
    }
  }
}
