package org.conduit.common.security;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 key that signs and verifies tokens. Built at start-up so that a missing or weak secret
 * stops the service before it accepts a single request.
 */
@Startup
@Singleton
public class SigningKey {

  /** HS256 needs a key at least as long as its 256-bit output (RFC 7518, section 3.2). */
  public static final int MIN_BYTES = 32;

  private final SecretKey key;

  public SigningKey(JwtSettings settings) {
    this.key = fromSecret(settings.secret());
  }

  public SecretKey key() {
    return key;
  }

  static SecretKey fromSecret(Optional<String> secret) {
    if (secret.isEmpty() || secret.get().isBlank()) {
      throw new IllegalStateException(
          "CONDUIT_JWT_SECRET is not set. Set it to a random secret of at least "
              + MIN_BYTES
              + " bytes, for example the output of `openssl rand -base64 48`.");
    }
    byte[] bytes = secret.get().getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new IllegalStateException(
          "CONDUIT_JWT_SECRET is too short: "
              + bytes.length
              + " bytes, at least "
              + MIN_BYTES
              + " are required. Use a random value such as the output of `openssl rand -base64"
              + " 48`.");
    }
    return new SecretKeySpec(bytes, "HmacSHA256");
  }
}
