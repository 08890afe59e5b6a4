package org.conduit.common.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code conduit.cache.*}: what is kept in memory (docs/caches.md). */
@ConfigMapping(prefix = "conduit.cache")
public interface CacheSettings {

  /** {@code false}: nothing is kept, every request reads the database. */
  @WithDefault("true")
  boolean enabled();

  /** Tokens SmallRye JWT has verified, kept at most. */
  @WithDefault("10000")
  int tokens();

  /** Accounts behind tokens, kept at most. */
  @WithDefault("10000")
  int accounts();

  /** Anonymous article-list pages, kept at most. */
  @WithDefault("1000")
  int articlePages();

  /** Favorite and follow ids kept for signed-in readers' flags, all readers together. */
  @WithDefault("2000000")
  long readerIds();
}
