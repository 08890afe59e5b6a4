package org.conduit.profile;

import org.conduit.user.User;

/** A user as others see it, alone or as the {@code author} of an article or comment. */
public record ProfileView(String username, String bio, String image, boolean following) {

  public static ProfileView of(User user, boolean following) {
    return new ProfileView(user.username, user.bio, user.image, following);
  }
}
