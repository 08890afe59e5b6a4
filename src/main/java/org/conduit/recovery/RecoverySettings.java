package org.conduit.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code conduit.password-reset.*}: account recovery by email (docs/account-recovery.md). How many
 * mails an account and an address may cause is the throttle's ({@code conduit.throttle.*}); the
 * SMTP server is {@link MailSettings}' ({@code conduit.mail.*}).
 */
@ConfigMapping(prefix = "conduit.password-reset")
public interface RecoverySettings {

  /** How long a link works after it was sent (Django's PASSWORD_RESET_TIMEOUT). */
  @WithDefault("PT1H")
  Duration validity();

  /**
   * The link mailed, with {@code {token}} where the token goes: a frontend that hosts its own reset
   * page sets it (e.g. {@code https://app.example.com/#/reset?token={token}}). Unset: this
   * service's own page, {@code <conduit.public-url>/account/reset#token={token}}.
   */
  Optional<String> link();

  /** Attempts at delivering one mail to the SMTP server before it is given up (and counted). */
  @WithDefault("5")
  @Min(1)
  @Max(20)
  int mailAttempts();

  /**
   * The longest one attempt may take, connecting included: a mail server that accepts and then says
   * nothing fails the attempt (the mailer itself would wait for ever). A healthy SMTP exchange
   * takes well under a second; once in a CI run an attempt seems to have stalled until this timeout
   * (then 30 s), so it is short enough that the retry comes soon.
   */
  @WithDefault("PT10S")
  Duration mailTimeout();

  /** The wait before the second attempt; each further wait doubles, up to 32 times this. */
  @WithDefault("PT2S")
  Duration mailRetryDelay();
}
