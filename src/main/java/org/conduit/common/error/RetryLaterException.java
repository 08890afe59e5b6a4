package org.conduit.common.error;

/** A 503 the client may retry after some seconds: answered with a {@code Retry-After} header. */
public class RetryLaterException extends ApiException {

  private final int retryAfterSeconds;

  public RetryLaterException(String key, String message, int retryAfterSeconds) {
    super(503, key, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
