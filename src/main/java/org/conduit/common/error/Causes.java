package org.conduit.common.error;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks a throwable's cause chain (itself first), then what was suppressed along it: the one way to
 * look into what went wrong. A failed commit is one reason to look further than the causes: the
 * transaction manager reports it as a rollback whose database error is only suppressed.
 */
public final class Causes {

  private Causes() {}

  /**
   * The first throwable that passes, or null: of {@code e}'s cause chain first, then of what each
   * suppressed (and their causes), each throwable looked at once.
   */
  public static Throwable first(Throwable e, Predicate<Throwable> test) {
    Deque<Throwable> pending = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    if (e != null) {
      pending.add(e);
    }
    while (!pending.isEmpty()) {
      Throwable t = pending.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (test.test(t)) {
        return t;
      }
      Collections.addAll(pending, t.getSuppressed());
      if (t.getCause() != null) {
        pending.addFirst(t.getCause());
      }
    }
    return null;
  }

  /** The first throwable of {@code e}'s cause chain of this type, or null. */
  public static <T extends Throwable> T first(Throwable e, Class<T> type) {
    return type.cast(first(e, type::isInstance));
  }

  /** The last throwable of {@code e}'s cause chain: what went wrong first. */
  public static Throwable root(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
    }
    return root;
  }
}
