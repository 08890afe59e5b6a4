package org.conduit.user;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.conduit.common.Timestamps;
import org.conduit.common.security.TokenIssuer;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A user account. Email is the login; accounts are deactivated ({@link #active} false), never
 * deleted. Never serialized to clients: responses are built from {@link UserView}.
 */
@Entity
@Table(name = "users")
// Updates name only the columns they change: a profile edit must not rewrite is_active, whose
// update takes the listing lock of V54.
@DynamicUpdate
public class User extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** Normalised by {@link EmailAddress#normalize} before it is stored or compared. */
  @Column(nullable = false, length = 254)
  public String email;

  @Column(nullable = false, length = 40)
  public String username;

  @Column(name = "password_hash", nullable = false, length = 100)
  public String passwordHash;

  public String bio;

  public String image;

  /**
   * Written into every token; raised on a password change and on deactivation, which revokes every
   * token issued before.
   */
  @Column(name = "token_version", nullable = false)
  public int tokenVersion;

  /**
   * The fingerprint ({@link TokenIssuer#fingerprint}) of the one earlier token that stays valid:
   * the token that made the last password change. Null after a deactivation.
   */
  @Column(name = "kept_token")
  public byte[] keptToken;

  /**
   * A password change: every token issued before it is revoked except {@code presented}, the one
   * that made the change (so a client goes on with the token it has, as Django keeps the session
   * that changed the password). Two changes in a row with the same token keep that token and the
   * newest reply's; the reply of the first is revoked by the second.
   */
  void changePassword(String hash, String presented) {
    passwordHash = hash;
    tokenVersion++;
    keptToken = TokenIssuer.fingerprint(presented);
  }

  /** Every token issued so far stops working for good, the kept one too. */
  public void revokeTokens() {
    tokenVersion++;
    keptToken = null;
  }

  @Column(name = "is_active", nullable = false)
  public boolean active = true;

  @Column(name = "is_staff", nullable = false)
  public boolean staff;

  @Column(name = "is_superuser", nullable = false)
  public boolean superuser;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** When the account last signed in; null if it never has. */
  @Column(name = "last_login")
  public Instant lastLogin;

  /** Looks an account up by an already normalised email. */
  public static Optional<User> findByEmail(String normalizedEmail) {
    return find("lower(email) = ?1", normalizedEmail).firstResultOptional();
  }

  public static Optional<User> findByUsername(String username) {
    return find("lower(username) = lower(?1)", username).firstResultOptional();
  }

  public static boolean emailTaken(String normalizedEmail, Long exceptId) {
    return count(
            "lower(email) = ?1 and id <> ?2", normalizedEmail, exceptId == null ? -1L : exceptId)
        > 0;
  }

  public static boolean usernameTaken(String username, Long exceptId) {
    return count(
            "lower(username) = lower(?1) and id <> ?2", username, exceptId == null ? -1L : exceptId)
        > 0;
  }

  /**
   * Writes the moment of a successful sign-in, in a statement of its own: not an account change
   * anything caches (V56 announces only the columns that are).
   */
  static void signedIn(long id) {
    update("lastLogin = ?1 where id = ?2", Timestamps.now(), id);
  }

  @PrePersist
  void onCreate() {
    createdAt = Timestamps.now();
    updatedAt = createdAt;
  }

  @PreUpdate
  void onUpdate() {
    updatedAt = Timestamps.now();
  }
}
