package org.conduit.throttle;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Duration;
import java.util.List;

/**
 * The client addresses accounts have signed in from lately (table login_addresses), by keyed hash:
 * an address the owner uses is let past the account-wide bound that strangers fill.
 */
final class KnownAddresses {

  private KnownAddresses() {}

  /** The account of {@code email}, and whether it signed in from {@code address} lately. */
  record Account(Long id, boolean known) {}

  static Account lookUp(String email, byte[] address, Duration period) {
    List<?> rows =
        Panache.getEntityManager()
            .createNativeQuery(
                """
                SELECT u.id, EXISTS (
                  SELECT 1 FROM login_addresses a
                  WHERE a.user_id = u.id AND a.address_hash = ?2
                    AND a.last_success > now() - make_interval(secs => ?3))
                FROM users u WHERE u.email = ?1
                """)
            .setParameter(1, email)
            .setParameter(2, address)
            .setParameter(3, (double) period.toSeconds())
            .getResultList();
    if (rows.isEmpty()) {
      return new Account(null, false);
    }
    Object[] row = (Object[]) rows.get(0);
    return new Account(((Number) row[0]).longValue(), (Boolean) row[1]);
  }

  static void signedIn(long userId, byte[] address) {
    Panache.getEntityManager()
        .createNativeQuery(
            """
            INSERT INTO login_addresses (user_id, address_hash, last_success) VALUES (?1, ?2, now())
            ON CONFLICT (user_id, address_hash) DO UPDATE SET last_success = now()
            """)
        .setParameter(1, userId)
        .setParameter(2, address)
        .executeUpdate();
  }

  static int forget(Duration period) {
    return Panache.getEntityManager()
        .createNativeQuery(
            "DELETE FROM login_addresses WHERE last_success < now() - make_interval(secs => ?1)")
        .setParameter(1, (double) period.toSeconds())
        .executeUpdate();
  }

  /** The addresses' key V62 made (conduit.throttle.address-key not set). */
  static byte[] storedKey() {
    return (byte[])
        Panache.getEntityManager()
            .createNativeQuery("SELECT key FROM throttle_key")
            .getSingleResult();
  }
}
