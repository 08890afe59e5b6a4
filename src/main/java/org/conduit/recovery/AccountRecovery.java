package org.conduit.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.conduit.common.Timestamps;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.error.ApiException;
import org.conduit.common.security.TokenIssuer;
import org.conduit.throttle.ClientAddress;
import org.conduit.throttle.Throttle;
import org.conduit.user.PasswordHasher;
import org.conduit.user.User;
import org.conduit.user.UserView;
import org.jboss.logging.Logger;

/**
 * Account recovery by email, as Django's auth does it (docs/account-recovery.md): a reset link
 * asked for by its owner or sent by a superuser, and the new password it sets; and the password an
 * operator sets from the command line.
 *
 * <p>A request is answered once it is counted by the throttle, the same way for every email: the
 * account is looked up, the link made and the mail sent in the background, so that neither the
 * answer nor its timing tells whether the email has an account. Setting a password through a link,
 * or from the command line, revokes every token the account was issued and lifts the login
 * throttle's locks on it.
 */
@Startup
@ApplicationScoped
public class AccountRecovery {

  private static final Logger LOG = Logger.getLogger(AccountRecovery.class);

  /** The one answer to a token that cannot be used, whatever the reason (the contract's). */
  static final String UNUSABLE = "is invalid or has expired";

  private final ResetLinks links;
  private final ResetMails mails;
  private final RecoverySettings settings;
  private final Throttle throttle;
  private final PasswordHasher hasher;
  private final TokenIssuer tokens;
  private final DatabaseChanges databaseChanges;
  private final Counter requested;
  private final Counter completed;

  public AccountRecovery(
      ResetLinks links,
      ResetMails mails,
      RecoverySettings settings,
      Throttle throttle,
      PasswordHasher hasher,
      TokenIssuer tokens,
      DatabaseChanges databaseChanges,
      MeterRegistry registry) {
    this.links = links;
    this.mails = mails;
    this.settings = settings;
    this.throttle = throttle;
    this.hasher = hasher;
    this.tokens = tokens;
    this.databaseChanges = databaseChanges;
    this.requested =
        Counter.builder("conduit.password.reset.requests")
            .description("Password-reset requests answered 202, for any email")
            .register(registry);
    this.completed =
        Counter.builder("conduit.password.resets")
            .description("Passwords set through a reset link")
            .register(registry);
  }

  /**
   * {@code POST /api/users/password-reset}: counted, then answered; an active account with this
   * (normalised) email gets a link in the background.
   */
  public void request(String email, ClientAddress.Key client) {
    links.require();
    throttle.passwordReset(email, client);
    requested.increment();
    Uni.createFrom()
        .item(() -> QuarkusTransaction.requiringNew().call(() -> linkFor(email)))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .subscribe()
        .with(
            outgoing -> outgoing.ifPresent(this::send),
            failure ->
                LOG.warnf("Password-reset request not handled: %s", failure.getClass().getName()));
  }

  /**
   * A superuser's "send a reset link" (admin site and API): the account must be active; {@code
   * recorded} writes the audit entry in the link's transaction. The account's bound applies as to
   * anyone (429), so that no one floods a mailbox.
   */
  public void sendLink(long userId, Consumer<User> recorded) {
    links.require();
    User target =
        QuarkusTransaction.requiringNew()
            .call(() -> User.<User>findByIdOptional(userId).orElseThrow(AccountRecovery::notFound));
    requireActive(target);
    throttle.passwordReset(target.email, null);
    Outgoing outgoing =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  User user = User.findById(userId, LockModeType.PESSIMISTIC_WRITE);
                  requireActive(user);
                  recorded.accept(user);
                  return outgoing(user);
                });
    send(outgoing);
  }

  /**
   * {@code POST /api/users/password-reset/confirm}: the link's account gets {@code password}, every
   * token it was issued stops working, the login throttle forgives it, and the caller is signed in.
   * The link works once; anything else is 422 {@value #UNUSABLE}.
   */
  public UserView confirm(String token, String password, ClientAddress.Key client) {
    // Checked before bcrypt runs, so that a wrong token costs no hashing; again under the locks.
    long userId = QuarkusTransaction.requiringNew().call(() -> usable(token, false, null).userId);
    String hash = hasher.hash(password);
    User user =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  // The account first, then the link: the order in which a new link is made.
                  User owner = User.findById(userId, LockModeType.PESSIMISTIC_WRITE);
                  PasswordReset reset = usable(token, true, owner);
                  reset.use();
                  owner.lastLogin = Timestamps.now();
                  newPassword(owner, hash);
                  return owner;
                });
    throttle.accountRecovered(user.email, user.id, client);
    completed.increment();
    return UserView.of(user, tokens.issue(user.id, user.tokenVersion));
  }

  /**
   * The command line's {@code set-password}, like Django's {@code changepassword}: the account with
   * this email gets {@code password}, its tokens are revoked and its locks lifted; {@code recorded}
   * writes the audit entry in the change's transaction. 404 {@code user} for an unknown email.
   */
  public User setPassword(String email, String password, Consumer<User> recorded) {
    long userId =
        QuarkusTransaction.requiringNew()
            .call(() -> User.findByEmail(email).orElseThrow(AccountRecovery::notFound).id);
    String hash = hasher.hash(password);
    User user =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  User owner = User.findById(userId, LockModeType.PESSIMISTIC_WRITE);
                  newPassword(owner, hash);
                  recorded.accept(owner);
                  return owner;
                });
    throttle.accountRecovered(user.email);
    return user;
  }

  /** Links that can no longer be used go a day after their validity ended. */
  @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deleteOldLinks() {
    try {
      long deleted =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      PasswordReset.deleteOlderThan(settings.validity().plus(Duration.ofDays(1))));
      LOG.debugf("Deleted %d old password-reset links", deleted);
    } catch (RuntimeException e) {
      LOG.warnf("Password-reset link clean-up skipped: %s", e.getClass().getSimpleName());
    }
  }

  /**
   * {@code hash} becomes the locked {@code owner}'s password, and every token the account was
   * issued stops working, on every replica (the token version is announced).
   */
  private void newPassword(User owner, String hash) {
    owner.passwordHash = hash;
    owner.revokeTokens();
    owner.flush();
    databaseChanges.afterCommit(Change.account(owner.id));
  }

  /** A mail about to leave, and the account it is for. */
  private record Outgoing(long userId, ResetMails.Letter mail) {}

  /** The link for an active account with this email, superseding earlier ones: in a transaction. */
  private Optional<Outgoing> linkFor(String email) {
    return User.<User>find("lower(email) = ?1", email)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional()
        .filter(user -> user.active)
        .map(this::outgoing);
  }

  private Outgoing outgoing(User user) {
    return new Outgoing(user.id, links.mail(user, PasswordReset.issue(user)));
  }

  private void send(Outgoing outgoing) {
    mails.send(outgoing.userId(), outgoing.mail());
  }

  /**
   * The link of {@code token} if it may set the password of {@code owner} (of its own account, read
   * here, when null): 422 otherwise.
   */
  private PasswordReset usable(String token, boolean lock, User owner) {
    Optional<PasswordReset> reset = PasswordReset.find(token, lock);
    User account =
        owner != null || reset.isEmpty() ? owner : User.<User>findById(reset.get().userId);
    if (reset.isEmpty() || !reset.get().usableFor(account, settings.validity())) {
      throw new ApiException(422, "token", UNUSABLE);
    }
    return reset.get();
  }

  private static void requireActive(User user) {
    if (!user.active) {
      throw new ApiException(409, "user", "is deactivated");
    }
  }

  private static ApiException notFound() {
    return ApiException.notFound("user");
  }
}
