package org.conduit.throttle;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.conduit.common.db.Sql;

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
    List<Integer> hits =
        Sql.list(
            """
            INSERT INTO throttle_counters AS c (bucket, hits, expires_at)
            VALUES (:bucket, 1, now() + make_interval(secs => :window))
            ON CONFLICT (bucket) DO UPDATE SET
              hits = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.hits + 1 END,
              expires_at = CASE WHEN c.expires_at <= now()
                                THEN EXCLUDED.expires_at ELSE c.expires_at END
              WHERE c.expires_at <= now() OR c.hits < :limit
            RETURNING hits
            """,
            Map.of("bucket", bucket, "window", (double) window.toSeconds(), "limit", limit),
            row -> row.getInt("hits"));
    return hits.isEmpty() ? OptionalInt.empty() : OptionalInt.of(hits.get(0));
  }

  /** Seconds until {@code bucket}'s window ends (at least 1). */
  static long secondsLeft(String bucket) {
    List<Long> seconds =
        Sql.list(
            """
            SELECT CAST(CEIL(EXTRACT(EPOCH FROM (expires_at - now()))) AS BIGINT) AS seconds
            FROM throttle_counters WHERE bucket = :bucket
            """,
            Map.of("bucket", bucket),
            row -> row.getLong("seconds"));
    return seconds.isEmpty() ? 1 : Math.max(1, seconds.get(0));
  }

  /** Takes back one hit of the current window: an attempt that turned out not to be a failure. */
  static void release(String bucket) {
    // A bucket holds one hit at least (a check constraint): the last one goes with its row.
    Sql.execute(
        """
        WITH emptied AS (DELETE FROM throttle_counters WHERE bucket = :bucket AND hits <= 1)
        UPDATE throttle_counters SET hits = hits - 1
        WHERE bucket = :bucket AND hits > 1 AND expires_at > now()
        """,
        Map.of("bucket", bucket));
  }

  static void clear(String bucket) {
    delete("bucket", bucket);
  }

  /** Deletes {@code bucket} and every bucket whose name starts with {@code prefix}. */
  static void clearAll(String bucket, String prefix) {
    Sql.execute(
        "DELETE FROM throttle_counters WHERE bucket = :bucket OR starts_with(bucket, :prefix)",
        Map.of("bucket", bucket, "prefix", prefix));
  }

  /** On the database's clock, like every other decision about a bucket. */
  static long deleteExpired() {
    return Sql.execute("DELETE FROM throttle_counters WHERE expires_at <= now()", Map.of());
  }
}
