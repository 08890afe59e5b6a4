package org.conduit.common.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What SmallRye JWT accepts is set in {@code application.properties} ("Tokens": HS256 only, the
 * issuer, the required claims, the schemes, the longest lifetime, the clock skew). The one thing it
 * cannot take from there is our key: its {@code smallrye.jwt.verify.secretkey} wants a JSON Web
 * Key, not the secret operators are given. So this adds the {@link SigningKey} (checked at
 * start-up) to the configured settings, and changes nothing else.
 */
public class TokenVerification {

  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  JWTAuthContextInfo contextInfo(JWTAuthContextInfoProvider configured, SigningKey signingKey) {
    JWTAuthContextInfo info = new JWTAuthContextInfo(configured.getContextInfo());
    info.setSecretVerificationKey(signingKey.key());
    return info;
  }
}
