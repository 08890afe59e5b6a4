package org.conduit.common.throttle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import org.conduit.common.error.ApiException;
import org.jboss.logging.Logger;

/**
 * Brute-force brakes, counted in PostgreSQL so that every replica sees the same numbers.
 *
 * <p>Logins: failures are counted per account (its normalised email, so unknown emails are counted
 * alike) and per client address; a full bucket answers 429 before any password is checked, until
 * its window ends. A successful login clears its account's count, never its address's. Registration
 * counts every valid attempt per client address.
 */
@ApplicationScoped
public class Throttle {

  private static final Logger LOG = Logger.getLogger(Throttle.class);

  private final ThrottleSettings settings;

  public Throttle(ThrottleSettings settings) {
    this.settings = settings;
    requireWithinAsvs(settings);
  }

  /** 429 when the account or the address has failed too often lately. */
  public void beforeLogin(String email, ClientAddress.Key address) {
    OptionalLong blocked =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    longest(
                        ThrottleCounter.secondsBlocked(
                            accountBucket(email), settings.loginFailuresPerAccount()),
                        ThrottleCounter.secondsBlocked(
                            addressBucket("login", address), settings.loginFailuresPerAddress())));
    if (blocked.isPresent()) {
      throw ApiException.tooManyRequests(
          "credentials", "too many failed attempts, try again later", blocked.getAsLong());
    }
  }

  public void loginFailed(String email, ClientAddress.Key address) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ThrottleCounter.hit(accountBucket(email), settings.loginAccountWindow());
              ThrottleCounter.hit(addressBucket("login", address), settings.loginAddressWindow());
            });
  }

  public void loginSucceeded(String email) {
    QuarkusTransaction.requiringNew().run(() -> ThrottleCounter.clear(accountBucket(email)));
  }

  /** Counts a registration attempt; 429 once the address has made too many. */
  public void registration(ClientAddress.Key address) {
    ThrottleCounter.Count count =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ThrottleCounter.hit(
                        addressBucket("register", address), settings.registrationAddressWindow()));
    if (count.hits() > settings.registrationsPerAddress()) {
      throw ApiException.tooManyRequests(
          "request", "too many registrations, try again later", count.secondsLeft());
    }
  }

  /** Expired buckets are useless; an attacker's one-off emails should not pile up. */
  @Scheduled(
      every = "${conduit.throttle.cleanup-interval:15m}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deleteExpired() {
    try {
      long deleted = QuarkusTransaction.requiringNew().call(ThrottleCounter::deleteExpired);
      LOG.debugf("Deleted %d expired throttle counters", deleted);
    } catch (RuntimeException e) {
      LOG.warnf("Throttle clean-up skipped: %s", e.getClass().getSimpleName());
    }
  }

  private static String accountBucket(String email) {
    return "login:account:" + email;
  }

  private static String addressBucket(String action, ClientAddress.Key address) {
    return action + ":address:" + address.value();
  }

  private static OptionalLong longest(OptionalLong a, OptionalLong b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() ? a : OptionalLong.of(Math.max(a.getAsLong(), b.getAsLong()));
  }

  /**
   * OWASP ASVS (2.2.1) allows at most 100 failed attempts per hour on one account. Fixed windows
   * let a full bucket at the end of one window be followed by a full one at the start of the next,
   * so the worst rolling hour holds {@code limit * (3600 / window + 1)} failures.
   */
  static void requireWithinAsvs(ThrottleSettings settings) {
    long window = Math.max(1, settings.loginAccountWindow().toSeconds());
    long worstHour = settings.loginFailuresPerAccount() * (3600 / window + 1);
    if (settings.loginFailuresPerAccount() < 1 || worstHour > 100) {
      throw new IllegalStateException(
          "conduit.throttle.login-failures-per-account and login-account-window allow "
              + worstHour
              + " failed logins per hour on one account; at most 100 are allowed (OWASP ASVS"
              + " 2.2.1)");
    }
  }
}
