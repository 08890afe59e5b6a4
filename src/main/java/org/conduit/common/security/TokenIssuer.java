package org.conduit.common.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Signs the tokens handed to users: HS256, subject = user id, {@code iat}, {@code iss}, {@code
 * exp}, and {@value #VERSION_CLAIM} = the account's token version, which revokes every older token
 * when it changes.
 */
@ApplicationScoped
public class TokenIssuer {

  /** The claim carrying the account's token version. */
  public static final String VERSION_CLAIM = "ver";

  private final SigningKey signingKey;
  private final JwtSettings settings;

  public TokenIssuer(SigningKey signingKey, JwtSettings settings) {
    this.signingKey = signingKey;
    this.settings = settings;
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
    Instant now = Instant.now();
    return Jwt.issuer(settings.issuer())
        .subject(Long.toString(userId))
        .claim(VERSION_CLAIM, tokenVersion)
        .issuedAt(now)
        .expiresAt(now.plus(settings.lifetime()))
        .jws()
        .algorithm(SignatureAlgorithm.HS256)
        .sign(signingKey.key());
  }
}
