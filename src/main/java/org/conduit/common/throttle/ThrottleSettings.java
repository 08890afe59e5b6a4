package org.conduit.common.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code conduit.throttle.*}: how many attempts a bucket may make in a window. When a bucket is
 * full, further attempts get a 429 until its window ends; then it starts afresh, so nobody stays
 * locked out longer than one window.
 */
@ConfigMapping(prefix = "conduit.throttle")
public interface ThrottleSettings {

  /** Failed logins per account (normalised email), whoever sends them. */
  @WithDefault("10")
  int loginFailuresPerAccount();

  @WithDefault("PT10M")
  Duration loginAccountWindow();

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
}
