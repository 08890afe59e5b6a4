package org.conduit.common.security;

import jakarta.ws.rs.core.HttpHeaders;

/** The messages under the {@code token} key of a 401, worded as in the seed course. */
public final class AuthMessages {

  public static final String MISSING = "is missing";
  public static final String INVALID = "Invalid authentication. Could not decode token.";
  public static final String UNKNOWN_USER = "No user matching this token was found.";
  public static final String DEACTIVATED = "This user has been deactivated.";
  public static final String REVOKED = "This token has been revoked.";

  private AuthMessages() {}

  /** No identity: either nothing was sent, or what was sent is not a token we can read. */
  public static String forMissingIdentity(HttpHeaders headers) {
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    return authorization == null || authorization.isBlank() ? MISSING : INVALID;
  }
}
