package org.conduit.common.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code conduit.jwt.*}: the signing secret. Everything else about tokens (issuer, lifetime,
 * schemes, required claims) is SmallRye JWT's own configuration ({@code application.properties},
 * "Tokens").
 */
@ConfigMapping(prefix = "conduit.jwt")
public interface JwtSettings {

  /**
   * The HS256 key, at least 32 bytes. Required in production from {@code CONDUIT_JWT_SECRET}; dev
   * and test profiles carry their own throw-away keys.
   */
  Optional<String> secret();
}
