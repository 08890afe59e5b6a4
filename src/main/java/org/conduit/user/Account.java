package org.conduit.user;

import java.security.MessageDigest;
import org.conduit.common.security.TokenIssuer;

/**
 * An account as requests see it: a snapshot of the {@link User} row without the password hash, kept
 * by {@link Accounts} between requests (and dropped the moment the row changes, on every replica).
 */
public record Account(
    long id,
    String email,
    String username,
    String bio,
    String image,
    int tokenVersion,
    byte[] keptToken,
    boolean active,
    boolean staff,
    boolean superuser) {

  public static Account of(User user) {
    return new Account(
        user.id,
        user.email,
        user.username,
        user.bio,
        user.image,
        user.tokenVersion,
        user.keptToken,
        user.active,
        user.staff,
        user.superuser);
  }

  /**
   * Whether a token of this account, with {@code version} in it, is still valid: one of the current
   * version, or the one kept by the last password change ({@link User#changePassword}). The kept
   * token's fingerprint is computed only for a token of an older version.
   */
  public boolean accepts(int version, String token) {
    return version == tokenVersion
        || keptToken != null && MessageDigest.isEqual(keptToken, TokenIssuer.fingerprint(token));
  }

  /** Staff run the site: the admin site and API. A superuser is staff too. */
  public boolean moderates() {
    return staff || superuser;
  }
}
