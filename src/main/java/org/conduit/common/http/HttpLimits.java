package org.conduit.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code conduit.http.*}: the request sizes the API answers with an {@code errors} envelope. The
 * body limit is Quarkus' own {@code quarkus.http.limits.max-body-size}. Vert.x' hard limits ({@code
 * quarkus.http.limits.max-header-size}, {@code max-initial-line-length}) are set well above these,
 * so that only absurd requests meet Vert.x' bare answers.
 */
@ConfigMapping(prefix = "conduit.http")
public interface HttpLimits {

  /** Request line target (path and query) length; longer gets 414. */
  @WithDefault("4096")
  int maxUriLength();

  /** All header names and values together; more gets 431. */
  @WithDefault("8K")
  MemorySize maxHeaderSize();
}
