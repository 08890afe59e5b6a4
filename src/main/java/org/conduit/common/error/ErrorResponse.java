package org.conduit.common.error;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The one error shape of the API: {@code {"errors": {"<key>": ["<message>", ...]}}}. Registered for
 * reflection because it only ever leaves inside a {@code Response}, where a native build cannot see
 * it.
 */
@RegisterForReflection
public record ErrorResponse(Map<String, List<String>> errors) {

  public static ErrorResponse of(String key, String message) {
    return new ErrorResponse(Map.of(key, List.of(message)));
  }
}
