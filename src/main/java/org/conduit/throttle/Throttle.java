package org.conduit.throttle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalInt;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.conduit.common.error.ApiException;
import org.jboss.logging.Logger;

/**
 * Brute-force brakes, counted in PostgreSQL so that every replica sees the same numbers
 * (docs/hardening.md, "Throttling").
 *
 * <p>A login attempt is counted before its password is checked, in three buckets at once: its
 * account and address together, its account, its address. It is refused (429, nothing counted) when
 * the first is full, when the account is full for addresses it has not signed in from lately (a
 * lower bound) or for every address, or when the address is full. A success takes its attempt back
 * and forgives its address's failures on that account, never the account's, and makes the address
 * known to the account. So a stranger's failures lock strangers out of an account, not its owner,
 * and no one can make more failed attempts on one account than the account bound. Registration
 * counts every valid attempt per address.
 */
// Made at start-up: its settings' checks (OWASP ASVS, the address key's length) stop a start, not
// the first login.
@Startup
@ApplicationScoped
public class Throttle {

  private static final Logger LOG = Logger.getLogger(Throttle.class);

  /** Why an attempt was refused: the tag of {@code conduit_throttle_refused_total}. */
  enum Reason {
    ACCOUNT_ADDRESS("account_address"),
    ACCOUNT_NEW_ADDRESS("account_new_address"),
    ACCOUNT("account"),
    ADDRESS("address"),
    REGISTRATION_ADDRESS("registration_address"),
    PASSWORD_RESET_ACCOUNT("password_reset_account"),
    PASSWORD_RESET_ADDRESS("password_reset_address");

    final String tag;

    Reason(String tag) {
      this.tag = tag;
    }
  }

  /** A login attempt the throttle let through, counted as a failure until it succeeds. */
  public record LoginAttempt(
      String email, Long userId, byte[] address, String network, int accountFailures) {}

  private final ThrottleSettings settings;
  private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);

  /**
   * The key addresses are hashed with: {@code conduit.throttle.address-key}, or else the one V62
   * made and keeps in the database for every replica. Never the token secret's, so that rotating
   * that secret leaves known addresses and buckets as they are. Read at the first use.
   */
  private volatile SecretKeySpec addressKey;

  public Throttle(ThrottleSettings settings, MeterRegistry registry) {
    this.settings = settings;
    requireWithinAsvs(settings);
    settings.addressKey().ifPresent(Throttle::keyOf);
    for (Reason reason : Reason.values()) {
      refused.put(
          reason,
          Counter.builder("conduit.throttle.refused")
              .description("Login and registration attempts refused by the throttle")
              .tag("reason", reason.tag)
              .register(registry));
    }
  }

  /** Counts a login attempt, or refuses it with a 429 (and counts nothing). */
  public LoginAttempt beforeLogin(String email, ClientAddress.Key client) {
    byte[] address = fingerprint(client);
    String hash = inBuckets(address);
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                KnownAddresses.Account account =
                    KnownAddresses.lookUp(email, address, settings.knownAddressPeriod());
                hit(
                    pairBucket(email, hash),
                    settings.loginAccountAddressWindow(),
                    settings.loginFailuresPerAccountAndAddress(),
                    Reason.ACCOUNT_ADDRESS);
                int accountFailures =
                    hit(
                        accountBucket(email),
                        settings.loginAccountWindow(),
                        account.known()
                            ? settings.loginFailuresPerAccount()
                            : settings.loginFailuresPerAccountFromNewAddresses(),
                        account.known() ? Reason.ACCOUNT : Reason.ACCOUNT_NEW_ADDRESS);
                hit(
                    addressBucket("login", hash),
                    settings.loginAddressWindow(),
                    settings.loginFailuresPerAddress(),
                    Reason.ADDRESS);
                return new LoginAttempt(
                    email, account.id(), address, client.network(), accountFailures);
              });
    } catch (Refused refusal) {
      refused.get(refusal.reason).increment();
      throw ApiException.tooManyRequests(
          "credentials", "too many failed attempts, try again later", refusal.secondsLeft);
    }
  }

  /** The attempt failed: it stays counted. Reaching an account bound is logged once. */
  public void loginFailed(LoginAttempt attempt) {
    int failures = attempt.accountFailures();
    if (failures == settings.loginFailuresPerAccountFromNewAddresses()
        || failures == settings.loginFailuresPerAccount()) {
      LOG.warnf(
          "Login throttle: %s has had %d failed logins within %s; addresses that have%s signed in"
              + " to it lately are refused until the window ends (the last failure from %s)",
          attempt.userId() == null ? "an email with no account" : "account " + attempt.userId(),
          failures,
          settings.loginAccountWindow(),
          failures == settings.loginFailuresPerAccount() ? " or have not" : " not",
          attempt.network());
    }
  }

  /** The attempt ended without checking a password (the server was busy): it is taken back. */
  public void loginAbandoned(LoginAttempt attempt) {
    String hash = inBuckets(attempt.address());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ThrottleCounter.release(pairBucket(attempt.email(), hash));
              ThrottleCounter.release(accountBucket(attempt.email()));
              ThrottleCounter.release(addressBucket("login", hash));
            });
  }

  /**
   * The attempt succeeded: it is taken back, its address's failures on the account are forgiven
   * (the owner's typos), and the address is known to the account from now on.
   */
  public void loginSucceeded(LoginAttempt attempt, long userId) {
    String hash = inBuckets(attempt.address());
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              ThrottleCounter.clear(pairBucket(attempt.email(), hash));
              ThrottleCounter.release(accountBucket(attempt.email()));
              ThrottleCounter.release(addressBucket("login", hash));
              KnownAddresses.signedIn(userId, attempt.address());
            });
  }

  /** The address that made an account is its owner's: known to it, as after a sign-in. */
  public void signedUp(ClientAddress.Key client, long userId) {
    QuarkusTransaction.requiringNew()
        .run(() -> KnownAddresses.signedIn(userId, fingerprint(client)));
  }

  /** Counts a registration attempt; 429 once the address has made too many. */
  public void registration(ClientAddress.Key client) {
    String hash = inBuckets(fingerprint(client));
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  hit(
                      addressBucket("register", hash),
                      settings.registrationAddressWindow(),
                      settings.registrationsPerAddress(),
                      Reason.REGISTRATION_ADDRESS));
    } catch (Refused refusal) {
      refused.get(refusal.reason).increment();
      throw ApiException.tooManyRequests(
          "request", "too many registrations, try again later", refusal.secondsLeft);
    }
  }

  /**
   * Counts a password-reset request from {@code client} for {@code email}, whether or not an
   * account has it (so that a refusal tells nothing either): 429 once the address, or the email
   * from every address together, has asked too often. {@code client} is null for staff, who are
   * held to the email's bound only.
   */
  public void passwordReset(String email, ClientAddress.Key client) {
    String address = client == null ? null : inBuckets(fingerprint(client));
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                if (address != null) {
                  hit(
                      addressBucket("password-reset", address),
                      settings.passwordResetAddressWindow(),
                      settings.passwordResetsPerAddress(),
                      Reason.PASSWORD_RESET_ADDRESS);
                }
                hit(
                    "password-reset:account:" + email,
                    settings.passwordResetAccountWindow(),
                    settings.passwordResetsPerAccount(),
                    Reason.PASSWORD_RESET_ACCOUNT);
              });
    } catch (Refused refusal) {
      refused.get(refusal.reason).increment();
      throw ApiException.tooManyRequests(
          "request", "too many password-reset requests, try again later", refusal.secondsLeft);
    }
  }

  /**
   * The account's owner proved they hold its mailbox and set a new password: the failed logins
   * counted against the account, from every address, are forgiven, so its locks are lifted.
   */
  public void accountRecovered(String email) {
    QuarkusTransaction.requiringNew()
        .run(() -> ThrottleCounter.clearAll(accountBucket(email), pairBucket(email, "")));
  }

  /**
   * {@link #accountRecovered}, by the owner at {@code client}: that address is known to the account
   * from now on, as after a sign-in.
   */
  public void accountRecovered(String email, long userId, ClientAddress.Key client) {
    accountRecovered(email);
    signedUp(client, userId);
  }

  /** Expired buckets are useless; an attacker's one-off emails should not pile up. */
  @Scheduled(
      every = "${conduit.throttle.cleanup-interval:15m}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deleteExpired() {
    try {
      long deleted = QuarkusTransaction.requiringNew().call(ThrottleCounter::deleteExpired);
      int forgotten =
          QuarkusTransaction.requiringNew()
              .call(() -> KnownAddresses.forget(settings.knownAddressPeriod()));
      LOG.debugf(
          "Deleted %d expired throttle counters, forgot %d login addresses", deleted, forgotten);
    } catch (RuntimeException e) {
      LOG.warnf("Throttle clean-up skipped: %s", e.getClass().getSimpleName());
    }
  }

  /** Counts a hit in {@code bucket}, or throws {@link Refused} (rolling back the transaction). */
  private static int hit(String bucket, java.time.Duration window, int limit, Reason reason) {
    OptionalInt hits = ThrottleCounter.tryHit(bucket, window, limit);
    if (hits.isEmpty()) {
      throw new Refused(reason, ThrottleCounter.secondsLeft(bucket));
    }
    return hits.getAsInt();
  }

  /** A full bucket, thrown out of the counting transaction so that nothing of it stays. */
  private static final class Refused extends RuntimeException {
    final Reason reason;
    final long secondsLeft;

    Refused(Reason reason, long secondsLeft) {
      super(null, null, false, false);
      this.reason = reason;
      this.secondsLeft = secondsLeft;
    }
  }

  /** The address as kept: the first 16 bytes of its HMAC-SHA-256 under the addresses' key. */
  private byte[] fingerprint(ClientAddress.Key client) {
    return Arrays.copyOf(hmac(addressKey(), client.value()), 16);
  }

  private SecretKeySpec addressKey() {
    SecretKeySpec key = addressKey;
    if (key == null) {
      key =
          settings
              .addressKey()
              .map(Throttle::keyOf)
              .orElseGet(
                  () ->
                      new SecretKeySpec(
                          QuarkusTransaction.requiringNew().call(KnownAddresses::storedKey),
                          "HmacSHA256"));
      addressKey = key;
    }
    return key;
  }

  /** A configured key: 32 bytes at least, or the service does not start. */
  private static SecretKeySpec keyOf(String configured) {
    byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 32) {
      throw new IllegalStateException(
          "conduit.throttle.address-key is too short: "
              + bytes.length
              + " bytes, at least 32 are required (openssl rand -base64 48)");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  private static byte[] hmac(SecretKeySpec key, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  /** The address as the bucket names hold it. */
  private static String inBuckets(byte[] address) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(address);
  }

  private static String pairBucket(String email, String address) {
    return "login:account-address:" + email + " " + address;
  }

  private static String accountBucket(String email) {
    return "login:account:" + email;
  }

  private static String addressBucket(String action, String address) {
    return action + ":address:" + address;
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
    if (settings.loginFailuresPerAccountFromNewAddresses() > settings.loginFailuresPerAccount()) {
      throw new IllegalStateException(
          "conduit.throttle.login-failures-per-account-from-new-addresses must not be above"
              + " login-failures-per-account");
    }
  }
}
