package org.conduit.common.throttle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One throttling bucket: how many hits it has taken until {@link #expiresAt}. All arithmetic is
 * done by PostgreSQL in single statements, on the database clock, so that concurrent requests on
 * any number of replicas count exactly.
 */
@Entity
@Table(name = "throttle_counters")
public class ThrottleCounter extends PanacheEntityBase {

  @Id public String bucket;

  @Column(nullable = false)
  public int hits;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  /** The count of a bucket after a hit, and the seconds until its window ends. */
  record Count(int hits, long secondsLeft) {}

  /** Counts one hit; a bucket whose window is over starts a new one. */
  static Count hit(String bucket, Duration window) {
    Object[] row =
        (Object[])
            getEntityManager()
                .createNativeQuery(
                    """
                    INSERT INTO throttle_counters AS c (bucket, hits, expires_at)
                    VALUES (?1, 1, now() + make_interval(secs => ?2))
                    ON CONFLICT (bucket) DO UPDATE SET
                      hits = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.hits + 1 END,
                      expires_at = CASE WHEN c.expires_at <= now()
                                        THEN EXCLUDED.expires_at ELSE c.expires_at END
                    RETURNING hits, CAST(CEIL(EXTRACT(EPOCH FROM (expires_at - now()))) AS BIGINT)
                    """)
                .setParameter(1, bucket)
                .setParameter(2, (double) window.toSeconds())
                .getSingleResult();
    return new Count(((Number) row[0]).intValue(), Math.max(1, ((Number) row[1]).longValue()));
  }

  /** Seconds until {@code bucket} opens again when it holds {@code limit} hits, else empty. */
  static OptionalLong secondsBlocked(String bucket, int limit) {
    List<?> seconds =
        getEntityManager()
            .createNativeQuery(
                """
                SELECT CAST(CEIL(EXTRACT(EPOCH FROM (expires_at - now()))) AS BIGINT)
                FROM throttle_counters
                WHERE bucket = ?1 AND hits >= ?2 AND expires_at > now()
                """)
            .setParameter(1, bucket)
            .setParameter(2, limit)
            .getResultList();
    return seconds.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(Math.max(1, ((Number) seconds.get(0)).longValue()));
  }

  static void clear(String bucket) {
    delete("bucket", bucket);
  }

  static long deleteExpired() {
    return delete("expiresAt < ?1", Instant.now());
  }
}
