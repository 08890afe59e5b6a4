package org.conduit.user;

/** The user as the API shows it to its owner. All five keys are always present. */
public record UserView(String email, String token, String username, String bio, String image) {

  public static UserView of(User user, String token) {
    return new UserView(user.email, token, user.username, user.bio, user.image);
  }

  public static UserView of(Account account, String token) {
    return new UserView(account.email(), token, account.username(), account.bio(), account.image());
  }
}
