package org.conduit.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code conduit.admin.*}: the admin site and API. */
@ConfigMapping(prefix = "conduit.admin")
public interface AdminSettings {

  /** {@code false}: every path under {@code /admin} and {@code /api/admin} answers 404. */
  @WithDefault("true")
  boolean enabled();
}
