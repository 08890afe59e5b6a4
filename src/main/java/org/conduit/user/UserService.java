package org.conduit.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.conduit.common.error.ApiException;
import org.conduit.common.security.TokenIssuer;

/**
 * Accounts: registration, login and changes to one's own account.
 *
 * <p>Passwords are hashed and checked outside any transaction, so that a database connection is
 * never held while bcrypt works.
 */
@ApplicationScoped
public class UserService {

  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final AccountMetrics metrics;

  public UserService(PasswordHasher hasher, TokenIssuer tokens, AccountMetrics metrics) {
    this.hasher = hasher;
    this.tokens = tokens;
    this.metrics = metrics;
  }

  public UserView register(NewUser form) {
    User user = create(form, false);
    metrics.registered();
    return UserView.of(user, tokens.issue(user.id));
  }

  /** The administration command's {@code create-superuser}: a staff superuser account. */
  public User createSuperuser(NewUser form) {
    return create(form, true);
  }

  /**
   * Deactivates or reactivates the account with this email. A deactivated account cannot log in and
   * its tokens stop working on their next request.
   *
   * @return false when no account has this email
   */
  public boolean setActive(String email, boolean active) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                User.findByEmail(EmailAddress.normalize(email))
                    .map(
                        user -> {
                          user.active = active;
                          return true;
                        })
                    .orElse(false));
  }

  private User create(NewUser form, boolean superuser) {
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
              return created;
            });
  }

  /**
   * Exactly one bcrypt verification whatever the outcome, and one answer for an unknown email, a
   * wrong password and a deactivated account.
   */
  public UserView login(Credentials credentials) {
    User user = User.findByEmail(credentials.email()).orElse(null);
    boolean matches =
        hasher.verify(credentials.password(), user == null ? null : user.passwordHash);
    if (!matches || !user.active) {
      metrics.loginFailed();
      throw ApiException.invalidCredentials();
    }
    metrics.loggedIn();
    return UserView.of(user, tokens.issue(user.id));
  }

  public UserView update(long userId, UserChanges changes) {
    String newHash = changes.getPassword() == null ? null : hasher.hash(changes.getPassword());
    User user =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  User current = User.findById(userId);
                  requireAvailable(changes.getEmail(), changes.getUsername(), userId);
                  if (changes.getEmail() != null) {
                    current.email = changes.getEmail();
                  }
                  if (changes.getUsername() != null) {
                    current.username = changes.getUsername();
                  }
                  if (newHash != null) {
                    current.passwordHash = newHash;
                  }
                  if (changes.getBio() != null) {
                    current.bio = emptyToNull(changes.getBio());
                  }
                  if (changes.getImage() != null) {
                    current.image = emptyToNull(changes.getImage());
                  }
                  current.flush();
                  return current;
                });
    return UserView.of(user, tokens.issue(user.id));
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
