package org.conduit.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A bounded map of database reads that never serves what a committed change made stale: its owner
 * drops entries when {@link DatabaseChanges} reports a change, and while changes cannot be heard
 * nothing is served or kept. Entries also go after ten minutes, whatever happens.
 *
 * <p>A missing entry is read once however many requests want it at the same moment: the others wait
 * for that read instead of making their own (after a change drops the pages every reader wants, a
 * burst of identical reads would otherwise take the CPU from everything else).
 *
 * <p>A read in progress can miss a change that commits while it runs, and keep what it read after
 * the change's drop has passed. So every drop is numbered and remembered (the last {@value
 * #REMEMBERED}), and every kept value carries the number of drops made before its read began. A
 * request that began after later drops takes the value only if none of them concerns it, and
 * otherwise reads again; a value nobody can vouch for any more (more drops since than are
 * remembered) is read again too.
 */
public final class CoherentCache<K, V> {

  private static final Duration MAX_AGE = Duration.ofMinutes(10);
  private static final int REMEMBERED = 1024;

  /**
   * A value, the number of drops made before its read began, and the highest drop number it is
   * known to have outlived (raised as requests check it, so that each drop is checked once).
   */
  private static final class Stamped<V> {
    final V value;
    volatile long checked;

    Stamped(V value, long drops) {
      this.value = value;
      this.checked = drops;
    }
  }

  /** One drop: of one key, of the entries a predicate picks, or of everything (both null). */
  private record Drop<K, V>(long number, K key, BiPredicate<K, V> which) {

    boolean concerns(K entryKey, V value) {
      if (key != null) {
        return key.equals(entryKey);
      }
      return which == null || which.test(entryKey, value);
    }
  }

  private final DatabaseChanges changes;
  private final Cache<K, Stamped<V>> entries;
  private final AtomicLong drops = new AtomicLong();
  private final AtomicReferenceArray<Drop<K, V>> remembered =
      new AtomicReferenceArray<>(REMEMBERED);

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
            .<K, Stamped<V>>weigher((key, stamped) -> weight.applyAsInt(stamped.value))
            .expireAfterWrite(MAX_AGE)
            .build();
  }

  /** The kept value, if any may be trusted now; never blocks, so it can be asked on I/O threads. */
  public Optional<V> known(K key) {
    if (!changes.live()) {
      return Optional.empty();
    }
    Stamped<V> kept = entries.getIfPresent(key);
    return kept != null && trusted(key, kept, drops.get())
        ? Optional.of(kept.value)
        : Optional.empty();
  }

  /** The kept value, or {@code read}'s, which is kept unless it is null. */
  public V get(K key, Supplier<V> read) {
    if (!changes.live()) {
      return read.get();
    }
    long seen = drops.get();
    Stamped<V> kept = entries.get(key, k -> stamped(read));
    while (kept != null && !trusted(key, kept, seen)) {
      // Read before a change this request must see: read again (once for all who wait for it).
      entries.asMap().remove(key, kept);
      kept = entries.get(key, k -> stamped(read));
    }
    return kept == null ? null : kept.value;
  }

  public void drop(K key) {
    remember(Objects.requireNonNull(key), null);
    entries.invalidate(key);
  }

  /** Drops the entries {@code which} picks, and any read in progress whose value it would pick. */
  public void dropIf(BiPredicate<K, V> which) {
    remember(null, Objects.requireNonNull(which));
    entries.asMap().entrySet().removeIf(e -> which.test(e.getKey(), e.getValue().value));
  }

  public void dropAll() {
    remember(null, null);
    entries.invalidateAll();
  }

  private Stamped<V> stamped(Supplier<V> read) {
    long before = drops.get();
    V value = read.get();
    return value == null ? null : new Stamped<>(value, before);
  }

  private void remember(K key, BiPredicate<K, V> which) {
    long number = drops.incrementAndGet();
    remembered.set((int) (number % REMEMBERED), new Drop<>(number, key, which));
  }

  /**
   * Whether no drop after the value's read began, up to {@code seen}, concerns it. Never blocks: it
   * reads the remembered drops and raises the value's own mark.
   */
  private boolean trusted(K key, Stamped<V> kept, long seen) {
    long checked = kept.checked;
    if (checked >= seen) {
      return true;
    }
    if (seen - checked > REMEMBERED) {
      return false;
    }
    for (long number = checked + 1; number <= seen; number++) {
      Drop<K, V> drop = remembered.get((int) (number % REMEMBERED));
      if (drop == null || drop.number() != number || drop.concerns(key, kept.value)) {
        return false; // not remembered yet, already forgotten, or a drop of this value
      }
    }
    if (kept.checked < seen) {
      kept.checked = seen; // a racing request may lower it again: it only costs a second check
    }
    return true;
  }
}
