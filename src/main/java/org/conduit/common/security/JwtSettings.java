package org.conduit.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code conduit.jwt.*}: how tokens are signed and for how long they live. */
@ConfigMapping(prefix = "conduit.jwt")
public interface JwtSettings {

  /**
   * The HS256 key, at least 32 bytes. Required in production from {@code CONDUIT_JWT_SECRET}; dev
   * and test profiles carry their own throw-away keys.
   */
  Optional<String> secret();

  /** The {@code iss} claim written and required. */
  @WithDefault("conduit")
  String issuer();

  /** How long a token is valid after it is issued; also the longest lifetime accepted. */
  @WithDefault("P60D")
  Duration lifetime();

  /** Tolerated clock difference when checking {@code exp}. */
  @WithDefault("PT30S")
  Duration clockSkew();
}
