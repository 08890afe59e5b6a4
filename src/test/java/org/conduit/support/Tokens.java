package org.conduit.support;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

/** Hand-made tokens for the negative matrix, signed with the test profile's key unless told. */
public final class Tokens {

  private Tokens() {}

  public static SecretKey testKey() {
    String secret = ConfigProvider.getConfig().getValue("conduit.jwt.secret", String.class);
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /**
   * Claims as the service writes them for a fresh account: our issuer, subject, token version 0,
   * issued now, 60 days.
   */
  public static JwtClaimsBuilder claims(String subject) {
    Instant now = Instant.now();
    return Jwt.issuer("conduit")
        .subject(subject)
        .claim("ver", 0)
        .issuedAt(now)
        .expiresAt(now.plusSeconds(60L * 24 * 3600));
  }

  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().algorithm(SignatureAlgorithm.HS256).sign(testKey());
  }

  /**
   * A token signed with the test key whose header and payload are exactly the JSON given, so that a
   * test can write what no builder would (duplicate claims, extra header parameters).
   */
  public static String signRaw(String headerJson, String payloadJson) {
    try {
      org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
      jws.getHeaders().setFullHeaderAsJsonString(headerJson);
      jws.setPayload(payloadJson);
      jws.setKey(testKey());
      jws.setDoKeyValidation(false);
      return jws.getCompactSerialization();
    } catch (org.jose4j.lang.JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The payload of {@code token} under an unsigned {@code alg: none} header. */
  public static String unsigned(String token) {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    return header + "." + token.split("\\.")[1] + ".";
  }

  /** {@code token} with one character of its signature changed. */
  public static String tampered(String token) {
    char last = token.charAt(token.length() - 2);
    return token.substring(0, token.length() - 2)
        + (last == 'A' ? 'B' : 'A')
        + token.charAt(token.length() - 1);
  }

  /** {@code token} with its payload replaced, signature kept. */
  public static String withPayload(String token, String payloadJson) {
    String[] parts = token.split("\\.");
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    return parts[0] + "." + payload + "." + parts[2];
  }
}
