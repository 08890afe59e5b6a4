package org.conduit.common.error;

import java.util.function.Predicate;

/** Walks a throwable's cause chain (itself first), the one way to look into what went wrong. */
public final class Causes {

  private Causes() {}

  /** The first throwable of {@code e}'s cause chain that passes, or null. */
  public static Throwable first(Throwable e, Predicate<Throwable> test) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (test.test(t)) {
        return t;
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
