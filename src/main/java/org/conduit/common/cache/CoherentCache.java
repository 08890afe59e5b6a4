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
 *
 * <p>A missing entry is read once however many requests want it at the same moment: the others wait
 * for that read instead of making their own (after a change drops the pages every reader wants, a
 * burst of identical reads would otherwise take the CPU from everything else). A read that began
 * before a {@link #dropAll} may have missed the change; what it keeps is marked with the drop count
 * it began under, and is given only to requests that began under that count too (a request that
 * began after the change reads again). A {@link #drop} of one key waits for a read of that key in
 * progress and then removes what it kept.
 */
public final class CoherentCache<K, V> {

  private static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** A value and the number of {@link #dropAll}s before its read began. */
  private record Stamped<V>(V value, long drops) {}

  private final DatabaseChanges changes;
  private final Cache<K, Stamped<V>> entries;
  private final AtomicLong drops = new AtomicLong();

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
            .<K, Stamped<V>>weigher((key, stamped) -> weight.applyAsInt(stamped.value()))
            .expireAfterWrite(MAX_AGE)
            .build();
  }

  /** The kept value, if any may be trusted now; never blocks, so it can be asked on I/O threads. */
  public Optional<V> known(K key) {
    if (!changes.live()) {
      return Optional.empty();
    }
    Stamped<V> kept = entries.getIfPresent(key);
    return kept != null && kept.drops() == drops.get()
        ? Optional.of(kept.value())
        : Optional.empty();
  }

  /** The kept value, or {@code read}'s, which is kept unless it is null or a change intervened. */
  public V get(K key, Supplier<V> read) {
    if (!changes.live()) {
      return read.get();
    }
    long seen = drops.get();
    Stamped<V> kept = entries.get(key, k -> stamped(read));
    while (kept != null && kept.drops() < seen) {
      // Read before a change this request must see: read again (once for all who wait for it).
      entries.asMap().remove(key, kept);
      kept = entries.get(key, k -> stamped(read));
    }
    return kept == null ? null : kept.value();
  }

  public void drop(K key) {
    entries.invalidate(key);
  }

  public void dropAll() {
    drops.incrementAndGet();
    entries.invalidateAll();
  }

  private Stamped<V> stamped(Supplier<V> read) {
    long before = drops.get();
    V value = read.get();
    return value == null ? null : new Stamped<>(value, before);
  }
}
