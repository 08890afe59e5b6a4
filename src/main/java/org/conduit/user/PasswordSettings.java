package org.conduit.user;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * {@code conduit.password.*}: how passwords are hashed, and how many hashes run at once. Checked at
 * start-up (Hibernate Validator validates config mappings): a value out of range stops the service
 * before it serves anything.
 */
@ConfigMapping(prefix = "conduit.password")
public interface PasswordSettings {

  /** bcrypt work factor (log2 rounds), 10 to 31. */
  @WithDefault("12")
  @Min(10)
  @Max(31)
  int bcryptCost();

  /** Hashes running at once; unset: the number of processors. */
  OptionalInt hashingConcurrency();

  /** Requests that may wait for a hashing turn; beyond that 503 with Retry-After at once. */
  @WithDefault("32")
  @Min(0)
  int hashingQueue();

  /** The longest wait for a hashing turn (a {@link org.conduit.common.concurrent.WorkGate}). */
  @WithDefault("10s")
  Duration hashingWait();
}
