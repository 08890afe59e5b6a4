package org.conduit.recovery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.conduit.common.db.Sql;
import org.conduit.user.User;

/**
 * One password-reset link sent (V61). The token in the link is 32 random bytes; only their SHA-256
 * is kept, so that the table opens no account. A link is {@link #usableFor usable} once, within its
 * validity, for the account as it was when the link was sent: the same email and token version (a
 * password change and a deactivation raise the version), and only until a newer link for the
 * account supersedes it. Every time is the database's.
 */
@Entity
@Table(name = "password_resets")
public class PasswordReset extends PanacheEntityBase {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a token looks like: 32 bytes in unpadded base64url. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Id
  @Column(name = "token_hash")
  public byte[] tokenHash;

  @Column(name = "user_id", nullable = false, updatable = false)
  public long userId;

  /** The address the link went to. */
  @Column(nullable = false, updatable = false)
  public String email;

  /** The account's token version when the link was sent. */
  @Column(name = "token_version", nullable = false, updatable = false)
  public int tokenVersion;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "used_at")
  public Instant usedAt;

  @Column(name = "superseded_at")
  public Instant supersededAt;

  /** A new link for {@code user}, superseding the ones sent before: returns its token. */
  static String issue(User user) {
    update(
        "supersededAt = ?1 where userId = ?2 and usedAt is null and supersededAt is null",
        databaseNow(),
        user.id);
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    PasswordReset reset = new PasswordReset();
    reset.tokenHash = hash(text);
    reset.userId = user.id;
    reset.email = user.email;
    reset.tokenVersion = user.tokenVersion;
    reset.persist();
    return text;
  }

  /**
   * The link this token belongs to, locked for the rest of the transaction when {@code lock}; empty
   * for anything that is not a token this service issued. Whether it may still be used is {@link
   * #usableFor}'s answer.
   */
  static Optional<PasswordReset> find(String token, boolean lock) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    return lock
        ? findByIdOptional(hash(token), LockModeType.PESSIMISTIC_WRITE)
        : findByIdOptional(hash(token));
  }

  /**
   * Whether this link may still set {@code user}'s password, {@code validity} after it was sent.
   */
  boolean usableFor(User user, Duration validity) {
    return usedAt == null
        && supersededAt == null
        && databaseNow().isBefore(createdAt.plus(validity))
        && user != null
        && user.id == userId
        && user.active
        && user.tokenVersion == tokenVersion
        && user.email.equals(email);
  }

  void use() {
    usedAt = databaseNow();
  }

  /** Links that can no longer be used, kept a day for support's questions, then deleted. */
  static long deleteOlderThan(Duration age) {
    return delete("createdAt < ?1", databaseNow().minus(age));
  }

  /** The database's clock: the one that wrote {@link #createdAt}, whatever this replica's says. */
  private static Instant databaseNow() {
    return Sql.list("SELECT now() AS now", Map.of(), row -> Sql.instant(row, "now")).get(0);
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
