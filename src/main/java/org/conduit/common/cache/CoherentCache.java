package org.conduit.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A bounded map of database reads that never serves what a committed change made stale: its owner
 * drops entries when {@link DatabaseChanges} reports a change, and while changes cannot be heard
 * nothing is served or kept. Entries also go after ten minutes, whatever happens.
 */
public final class CoherentCache<K, V> {

  private static final Duration MAX_AGE = Duration.ofMinutes(10);

  private final DatabaseChanges changes;
  private final Cache<K, V> entries;

  /** Raised by every drop; a read that saw it move while it ran does not keep what it read. */
  private final AtomicLong generation = new AtomicLong();

  public CoherentCache(DatabaseChanges changes, int size) {
    this.changes = changes;
    this.entries = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(MAX_AGE).build();
  }

  /** Bounded by the total weight of what it keeps rather than by the number of entries. */
  public CoherentCache(DatabaseChanges changes, long maximumWeight, ToIntFunction<V> weight) {
    this.changes = changes;
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maximumWeight)
            .<K, V>weigher((key, value) -> weight.applyAsInt(value))
            .expireAfterWrite(MAX_AGE)
            .build();
  }

  /** The kept value, if any may be trusted now; never blocks, so it can be asked on I/O threads. */
  public Optional<V> known(K key) {
    return changes.live() ? Optional.ofNullable(entries.getIfPresent(key)) : Optional.empty();
  }

  /** The kept value, or {@code read}'s, which is kept unless it is null or a change intervened. */
  public V get(K key, Supplier<V> read) {
    if (!changes.live()) {
      return read.get();
    }
    V kept = entries.getIfPresent(key);
    if (kept != null) {
      return kept;
    }
    long seen = generation.get();
    V value = read.get();
    if (value != null) {
      entries.put(key, value);
      // After the put: a drop in between either found the entry, or moved the generation, and
      // then the entry goes here.
      if (generation.get() != seen || !changes.live()) {
        entries.invalidate(key);
      }
    }
    return value;
  }

  public void drop(K key) {
    generation.incrementAndGet();
    entries.invalidate(key);
  }

  public void dropAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }
}
