package org.conduit.throttle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.conduit.common.db.Sql;

/**
 * The client addresses accounts have signed in from lately (table login_addresses), by keyed hash:
 * an address the owner uses is let past the account-wide bound that strangers fill.
 */
final class KnownAddresses {

  private KnownAddresses() {}

  /** The account of {@code email}, and whether it signed in from {@code address} lately. */
  record Account(Long id, boolean known) {}

  static Account lookUp(String email, byte[] address, Duration period) {
    List<Account> rows =
        Sql.list(
            """
            SELECT u.id, EXISTS (
              SELECT 1 FROM login_addresses a
              WHERE a.user_id = u.id AND a.address_hash = :address
                AND a.last_success > now() - make_interval(secs => :period)) AS known
            FROM users u WHERE u.email = :email
            """,
            Map.of("email", email, "address", address, "period", (double) period.toSeconds()),
            row -> new Account(row.getLong("id"), row.getBoolean("known")));
    return rows.isEmpty() ? new Account(null, false) : rows.get(0);
  }

  static void signedIn(long userId, byte[] address) {
    Sql.execute(
        """
        INSERT INTO login_addresses (user_id, address_hash, last_success)
        VALUES (:user, :address, now())
        ON CONFLICT (user_id, address_hash) DO UPDATE SET last_success = now()
        """,
        Map.of("user", userId, "address", address));
  }

  static int forget(Duration period) {
    return Sql.execute(
        "DELETE FROM login_addresses WHERE last_success < now() - make_interval(secs => :period)",
        Map.of("period", (double) period.toSeconds()));
  }

  /** The addresses' key V62 made (conduit.throttle.address-key not set). */
  static byte[] storedKey() {
    return Sql.list("SELECT key FROM throttle_key", Map.of(), row -> row.getBytes("key")).get(0);
  }
}
