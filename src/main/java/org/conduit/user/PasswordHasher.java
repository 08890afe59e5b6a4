package org.conduit.user;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.conduit.common.concurrent.WorkGate;

/**
 * Hashes and checks passwords with Elytron's bcrypt.
 *
 * <p>bcrypt reads at most 72 bytes, so a longer password would be silently cut and two passwords
 * sharing their first 72 bytes would both log in. Every password is therefore pre-hashed to a fixed
 * 44-character Base64 SHA-256 digest (no NUL bytes) before bcrypt sees it.
 *
 * <p>Every hash and verification runs within a {@link WorkGate}: at most {@code
 * conduit.password.hashing-concurrency} at once (default: the number of processors), so that a
 * flood of logins cannot starve cheap requests of CPU or of worker threads.
 */
@ApplicationScoped
public class PasswordHasher {

  private final int cost;

  /**
   * A real hash of a random password, checked when no account matches, so that every login costs
   * exactly one bcrypt verification.
   */
  private final String decoy;

  private final WorkGate gate;

  public PasswordHasher(PasswordSettings settings, MeterRegistry registry) {
    this.cost = settings.bcryptCost();
    this.gate =
        new WorkGate(
                "password hashing",
                settings.hashingConcurrency().orElse(Runtime.getRuntime().availableProcessors()),
                settings.hashingQueue(),
                settings.hashingWait())
            .measured(registry, "password-hashing");
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    // Once, when the bean is made: outside the gate.
    this.decoy = BcryptUtil.bcryptHash(preHash(Base64.getEncoder().encodeToString(random)), cost);
  }

  public String hash(String password) {
    String preHashed = preHash(password);
    return gate.run(() -> BcryptUtil.bcryptHash(preHashed, cost));
  }

  /**
   * Checks {@code password} against {@code hash}, or against the decoy when {@code hash} is null
   * (no such account): the answer is then always false, at the same cost.
   */
  public boolean verify(String password, String hash) {
    String preHashed = preHash(password);
    String against = hash == null ? decoy : hash;
    boolean matches = gate.run(() -> BcryptUtil.matches(preHashed, against));
    return hash != null && matches;
  }

  private static String preHash(String password) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
