package org.conduit.common.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * What SmallRye JWT accepts: HS256 only (so {@code alg: none} and every other algorithm fail), our
 * key, our issuer, {@code sub}, {@code iat}, {@code exp} and the token version present, a lifetime
 * no longer than we issue, from {@code Authorization: Token <jwt>} or {@code Bearer <jwt>} (scheme
 * in any case). Replaces the configuration-driven context so the key comes from {@link SigningKey}
 * alone.
 */
public class TokenVerification {

  /** The Authorization schemes a token may come with, compared without regard to case. */
  public static final List<String> SCHEMES = List.of("Token", "Bearer");

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  JWTAuthContextInfo contextInfo(SigningKey signingKey, JwtSettings settings) {
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    info.setSecretVerificationKey(signingKey.key());
    info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
    info.setRelaxVerificationKeyValidation(false);
    info.setIssuedBy(settings.issuer());
    info.setRequiredClaims(Set.of("sub", "iat", "exp", TokenIssuer.VERSION_CLAIM));
    info.setRequireNamedPrincipal(true);
    info.setMaxTimeToLiveSecs(settings.lifetime().toSeconds());
    info.setClockSkew((int) settings.clockSkew().toSeconds());
    info.setTokenHeader("Authorization");
    info.setTokenSchemes(SCHEMES);
    return info;
  }
}
