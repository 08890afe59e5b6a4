package org.conduit.user;

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
        user.active,
        user.staff,
        user.superuser);
  }

  /** Staff run the site: the admin site and API. A superuser is staff too. */
  public boolean moderates() {
    return staff || superuser;
  }
}
