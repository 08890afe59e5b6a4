package org.conduit.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code conduit.throttle.*}: how many attempts a bucket may make in a window. When a bucket is
 * full, further attempts get a 429 with Retry-After until its window ends; then it starts afresh.
 * Counts live in PostgreSQL (throttle_counters, login_addresses), so every replica sees them. The
 * per-account limit must stay within OWASP ASVS' 100 failures an hour: the service refuses to start
 * otherwise (docs/hardening.md, "Throttling").
 */
@ConfigMapping(prefix = "conduit.throttle")
public interface ThrottleSettings {

  /** Failed logins on one account from one client address. */
  @WithDefault("10")
  int loginFailuresPerAccountAndAddress();

  @WithDefault("PT10M")
  Duration loginAccountAddressWindow();

  /**
   * Failed logins on one account from every address together, after which addresses that have not
   * signed in to it lately are refused.
   */
  @WithDefault("40")
  int loginFailuresPerAccountFromNewAddresses();

  /**
   * Failed logins on one account from every address together, after which every address is refused:
   * the bound on guessing one password (OWASP ASVS).
   */
  @WithDefault("50")
  int loginFailuresPerAccount();

  @WithDefault("PT1H")
  Duration loginAccountWindow();

  /** How long a sign-in keeps its address known to the account. */
  @WithDefault("P30D")
  Duration knownAddressPeriod();

  /**
   * The key client addresses are hashed with (HMAC-SHA-256), 32 bytes or more; unset, the one kept
   * in the database (V62). Setting it keeps the hashes useless to whoever copies the database;
   * changing it forgets known addresses and restarts address buckets, as any new key must.
   */
  Optional<String> addressKey();

  /** Failed logins per client address, whatever the account. */
  @WithDefault("50")
  int loginFailuresPerAddress();

  @WithDefault("PT10M")
  Duration loginAddressWindow();

  /** Registrations (valid requests) per client address. */
  @WithDefault("20")
  int registrationsPerAddress();

  @WithDefault("PT1H")
  Duration registrationAddressWindow();

  /**
   * Password-reset mails one email may cause, whoever asks (an address, staff): nobody can flood a
   * mailbox, and every email, with an account or not, is answered alike.
   */
  @WithDefault("3")
  int passwordResetsPerAccount();

  @WithDefault("PT1H")
  Duration passwordResetAccountWindow();

  /** Password-reset requests per client address, whatever the email. */
  @WithDefault("10")
  int passwordResetsPerAddress();

  @WithDefault("PT1H")
  Duration passwordResetAddressWindow();
}
