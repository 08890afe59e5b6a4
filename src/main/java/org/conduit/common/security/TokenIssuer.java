package org.conduit.common.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Signs the tokens handed to users: subject = user id and {@value #VERSION_CLAIM} = the account's
 * token version, which revokes every older token when it changes. SmallRye JWT's builder adds the
 * rest from {@code application.properties} ("Tokens"): HS256, {@code iss}, {@code iat}, {@code exp}
 * and a {@code jti}.
 */
@ApplicationScoped
public class TokenIssuer {

  /** The claim carrying the account's token version. */
  public static final String VERSION_CLAIM = "ver";

  private final SigningKey signingKey;

  public TokenIssuer(SigningKey signingKey) {
    this.signingKey = signingKey;
  }

  /**
   * What the database keeps of a token that must stay valid: its SHA-256, which tells it apart from
   * every other token and cannot be presented in its place.
   */
  public static byte[] fingerprint(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public String issue(long userId, int tokenVersion) {
    return Jwt.subject(Long.toString(userId))
        .claim(VERSION_CLAIM, tokenVersion)
        .sign(signingKey.key());
  }
}
