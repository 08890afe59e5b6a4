package org.conduit.common.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expected failure with its HTTP status and its {@code errors} body. Thrown by services, turned
 * into a response by {@link ErrorMappers}. No stack trace: these are answers, not bugs.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final transient ErrorResponse body;
  private final transient Map<String, String> headers;

  public ApiException(int status, ErrorResponse body) {
    this(status, body, Map.of());
  }

  private ApiException(int status, ErrorResponse body, Map<String, String> headers) {
    super(status + " " + body.errors().keySet(), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  public ApiException(int status, String key, String message) {
    this(status, ErrorResponse.of(key, message));
  }

  public int status() {
    return status;
  }

  public ErrorResponse body() {
    return body;
  }

  /** Extra response headers, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** 401 with key {@code token}. */
  public static ApiException unauthorized(String message) {
    return new ApiException(401, "token", message);
  }

  /** 401 for a failed login: the same answer whatever was wrong. */
  public static ApiException invalidCredentials() {
    return new ApiException(401, "credentials", "invalid");
  }

  /** 403 with the resource as key, e.g. {@code {"article": ["forbidden"]}}. */
  public static ApiException forbidden(String resource) {
    return new ApiException(403, resource, "forbidden");
  }

  /** 404 with the resource as key, e.g. {@code {"profile": ["not found"]}}. */
  public static ApiException notFound(String resource) {
    return new ApiException(404, resource, "not found");
  }

  /** 429 with {@code Retry-After}: the client may try again after that many seconds. */
  public static ApiException tooManyRequests(String key, String message, long retryAfterSeconds) {
    return retryable(429, key, message, retryAfterSeconds);
  }

  /** 503 for a momentary lack of capacity, with the seconds after which to try again. */
  public static ApiException unavailable(String key, String message, long retryAfterSeconds) {
    return retryable(503, key, message, retryAfterSeconds);
  }

  private static ApiException retryable(
      int status, String key, String message, long retryAfterSeconds) {
    return new ApiException(
        status,
        ErrorResponse.of(key, message),
        Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
  }

  /** 409 naming every field whose value belongs to someone else. */
  public static ApiException taken(List<String> fields) {
    Map<String, List<String>> errors = new LinkedHashMap<>();
    fields.forEach(field -> errors.put(field, List.of("has already been taken")));
    return new ApiException(409, new ErrorResponse(errors));
  }
}
