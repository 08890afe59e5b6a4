package org.conduit.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.error.ApiException;
import org.conduit.common.security.AuthMessages;
import org.conduit.common.security.TokenIssuer;
import org.conduit.throttle.ClientAddress;
import org.conduit.throttle.Throttle;

/**
 * Accounts: registration, login and changes to one's own account.
 *
 * <p>Passwords are hashed and checked outside any transaction, so that a database connection is
 * never held while bcrypt works. Logins and registrations pass the {@link Throttle} first.
 */
@ApplicationScoped
public class UserService {

  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final AccountMetrics metrics;
  private final Throttle throttle;
  private final ClientAddress client;
  private final DatabaseChanges databaseChanges;

  public UserService(
      PasswordHasher hasher,
      TokenIssuer tokens,
      AccountMetrics metrics,
      Throttle throttle,
      ClientAddress client,
      DatabaseChanges databaseChanges) {
    this.hasher = hasher;
    this.tokens = tokens;
    this.metrics = metrics;
    this.throttle = throttle;
    this.client = client;
    this.databaseChanges = databaseChanges;
  }

  public UserView register(NewUser form) {
    ClientAddress.Key address = client.key();
    throttle.registration(address);
    User user = create(form, false);
    throttle.signedUp(address, user.id);
    metrics.registered();
    return UserView.of(user, issue(user));
  }

  /**
   * An ordinary account made by an administration command ({@code load-demo-data}): there is no
   * client to throttle and no token to issue. {@code profile} fills in the rest (bio, image) in the
   * creation's transaction.
   */
  public User createAccount(NewUser form, Consumer<User> profile) {
    return create(form, false, profile);
  }

  /**
   * The administration command's {@code create-superuser}: a staff superuser account. {@code
   * recorded} runs in the creation's transaction (the audit log's entry).
   */
  public User createSuperuser(NewUser form, Consumer<User> recorded) {
    return create(form, true, recorded);
  }

  private User create(NewUser form, boolean superuser) {
    return create(form, superuser, user -> {});
  }

  private User create(NewUser form, boolean superuser, Consumer<User> recorded) {
    // A taken email or username costs no bcrypt; the check in the transaction and the unique
    // indexes settle races.
    QuarkusTransaction.requiringNew()
        .run(() -> requireAvailable(form.email(), form.username(), null));
    String hash = hasher.hash(form.password());
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              requireAvailable(form.email(), form.username(), null);
              User created = new User();
              created.email = form.email();
              created.username = form.username();
              created.passwordHash = hash;
              created.staff = superuser;
              created.superuser = superuser;
              created.persistAndFlush();
              recorded.accept(created);
              return created;
            });
  }

  /**
   * Exactly one bcrypt verification whatever the outcome, and one answer for an unknown email, a
   * wrong password and a deactivated account.
   */
  public UserView login(Credentials credentials) {
    Throttle.LoginAttempt attempt = throttle.beforeLogin(credentials.email(), client.key());
    User user;
    boolean matches;
    try {
      user = User.findByEmail(credentials.email()).orElse(null);
      matches = hasher.verify(credentials.password(), user == null ? null : user.passwordHash);
    } catch (RuntimeException noAnswer) { // busy, or the database is gone: no guess was made
      try {
        throttle.loginAbandoned(attempt);
      } catch (RuntimeException alsoFailed) {
        noAnswer.addSuppressed(alsoFailed);
      }
      throw noAnswer;
    }
    if (!matches || !user.active) {
      throttle.loginFailed(attempt);
      metrics.loginFailed();
      throw ApiException.invalidCredentials();
    }
    throttle.loginSucceeded(attempt, user.id);
    QuarkusTransaction.requiringNew().run(() -> User.signedIn(user.id));
    metrics.loggedIn();
    return UserView.of(user, issue(user));
  }

  /**
   * Changes the caller's own account. A new password revokes every token issued before except the
   * one presented ({@link User#changePassword}); the reply carries a fresh token either way.
   */
  public UserView update(CurrentUser.TokenClaims presented, UserChanges changes) {
    long userId = presented.id();
    // A taken email or username costs no bcrypt; the check in the transaction settles races.
    QuarkusTransaction.requiringNew()
        .run(() -> requireAvailable(changes.getEmail(), changes.getUsername(), userId));
    String newHash = changes.getPassword() == null ? null : hasher.hash(changes.getPassword());
    User user =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  // Locked, so that password changes are taken one at a time, each with a token
                  // that the one before it left valid.
                  User current = User.findById(userId, LockModeType.PESSIMISTIC_WRITE);
                  if (!Account.of(current).accepts(presented.version(), presented.raw())) {
                    throw ApiException.unauthorized(AuthMessages.REVOKED);
                  }
                  requireAvailable(changes.getEmail(), changes.getUsername(), userId);
                  if (changes.getEmail() != null) {
                    current.email = changes.getEmail();
                  }
                  if (changes.getUsername() != null) {
                    current.username = changes.getUsername();
                  }
                  if (newHash != null) {
                    current.changePassword(newHash, presented.raw());
                  }
                  if (changes.getBio() != null) {
                    current.bio = emptyToNull(changes.getBio());
                  }
                  if (changes.getImage() != null) {
                    current.image = emptyToNull(changes.getImage());
                  }
                  current.flush();
                  databaseChanges.afterCommit(Change.account(userId));
                  return current;
                });
    return UserView.of(user, issue(user));
  }

  private String issue(User user) {
    return tokens.issue(user.id, user.tokenVersion);
  }

  /** The friendly 409; the unique indexes catch whatever races past it. */
  private static void requireAvailable(String email, String username, Long self) {
    List<String> taken = new ArrayList<>(2);
    if (email != null && User.emailTaken(email, self)) {
      taken.add("email");
    }
    if (username != null && User.usernameTaken(username, self)) {
      taken.add("username");
    }
    if (!taken.isEmpty()) {
      throw ApiException.taken(taken);
    }
  }

  private static String emptyToNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
