package org.conduit.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

  @Test
  void aMissingSecretIsRefusedWithAClearMessage() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> SigningKey.fromSecret(Optional.empty()));
    assertTrue(e.getMessage().contains("CONDUIT_JWT_SECRET is not set"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> SigningKey.fromSecret(Optional.of("   ")));
  }

  @Test
  void aSecretShorterThan32BytesIsRefused() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> SigningKey.fromSecret(Optional.of("x".repeat(31))));
    assertTrue(e.getMessage().contains("too short: 31 bytes"), e.getMessage());
    assertTrue(!e.getMessage().contains("x".repeat(31)), "the secret itself is never printed");
  }

  @Test
  void aSecretOf32BytesIsAnHs256Key() {
    assertEquals("HmacSHA256", SigningKey.fromSecret(Optional.of("x".repeat(32))).getAlgorithm());
  }
}
