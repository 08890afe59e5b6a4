package org.conduit.common.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Signs the tokens handed to users: HS256, subject = user id, {@code iat}, {@code iss}, {@code
 * exp}.
 */
@ApplicationScoped
public class TokenIssuer {

  private final SigningKey signingKey;
  private final JwtSettings settings;

  public TokenIssuer(SigningKey signingKey, JwtSettings settings) {
    this.signingKey = signingKey;
    this.settings = settings;
  }

  public String issue(long userId) {
    Instant now = Instant.now();
    return Jwt.issuer(settings.issuer())
        .subject(Long.toString(userId))
        .issuedAt(now)
        .expiresAt(now.plus(settings.lifetime()))
        .jws()
        .algorithm(SignatureAlgorithm.HS256)
        .sign(signingKey.key());
  }
}
