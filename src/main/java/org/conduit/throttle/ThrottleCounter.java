package org.conduit.throttle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

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

  /**
   * Counts one hit unless the bucket already holds {@code limit} in its window: the hits after this
   * one, or empty when the bucket is full (nothing counted). A bucket whose window is over starts a
   * new one. One statement, so that concurrent requests on any replica never pass a full bucket.
   */
  static OptionalInt tryHit(String bucket, Duration window, int limit) {
    List<?> hits =
        getEntityManager()
            .createNativeQuery(
                """
                INSERT INTO throttle_counters AS c (bucket, hits, expires_at)
                VALUES (?1, 1, now() + make_interval(secs => ?2))
                ON CONFLICT (bucket) DO UPDATE SET
                  hits = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.hits + 1 END,
                  expires_at = CASE WHEN c.expires_at <= now()
                                    THEN EXCLUDED.expires_at ELSE c.expires_at END
                  WHERE c.expires_at <= now() OR c.hits < ?3
                RETURNING hits
                """)
            .setParameter(1, bucket)
            .setParameter(2, (double) window.toSeconds())
            .setParameter(3, limit)
            .getResultList();
    return hits.isEmpty() ? OptionalInt.empty() : OptionalInt.of(((Number) hits.get(0)).intValue());
  }

  /** Seconds until {@code bucket}'s window ends (at least 1). */
  static long secondsLeft(String bucket) {
    List<?> seconds =
        getEntityManager()
            .createNativeQuery(
                """
                SELECT CAST(CEIL(EXTRACT(EPOCH FROM (expires_at - now()))) AS BIGINT)
                FROM throttle_counters WHERE bucket = ?1
                """)
            .setParameter(1, bucket)
            .getResultList();
    return seconds.isEmpty() ? 1 : Math.max(1, ((Number) seconds.get(0)).longValue());
  }

  /** Takes back one hit of the current window: an attempt that turned out not to be a failure. */
  static void release(String bucket) {
    // A bucket holds one hit at least (a check constraint): the last one goes with its row.
    getEntityManager()
        .createNativeQuery(
            """
            WITH emptied AS (DELETE FROM throttle_counters WHERE bucket = ?1 AND hits <= 1)
            UPDATE throttle_counters SET hits = hits - 1
            WHERE bucket = ?1 AND hits > 1 AND expires_at > now()
            """)
        .setParameter(1, bucket)
        .executeUpdate();
  }

  static void clear(String bucket) {
    delete("bucket", bucket);
  }

  /** Deletes {@code bucket} and every bucket whose name starts with {@code prefix}. */
  static void clearAll(String bucket, String prefix) {
    getEntityManager()
        .createNativeQuery(
            "DELETE FROM throttle_counters WHERE bucket = ?1 OR starts_with(bucket, ?2)")
        .setParameter(1, bucket)
        .setParameter(2, prefix)
        .executeUpdate();
  }

  /** On the database's clock, like every other decision about a bucket. */
  static long deleteExpired() {
    return getEntityManager()
        .createNativeQuery("DELETE FROM throttle_counters WHERE expires_at <= now()")
        .executeUpdate();
  }
}
