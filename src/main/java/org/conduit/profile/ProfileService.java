package org.conduit.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.error.ApiException;
import org.conduit.user.Account;
import org.conduit.user.User;

/** Profiles and follows. Deactivated accounts have no profile: they are a 404 like strangers. */
@ApplicationScoped
public class ProfileService {

  private final DatabaseChanges databaseChanges;

  public ProfileService(DatabaseChanges databaseChanges) {
    this.databaseChanges = databaseChanges;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ProfileView get(String username, Optional<Account> viewer) {
    User user = requireProfile(username);
    boolean following = viewer.map(v -> Follow.exists(v.id(), user.id)).orElse(false);
    return ProfileView.of(user, following);
  }

  @Transactional
  public ProfileView follow(Account follower, String username) {
    User user = requireProfile(username);
    Follow.add(follower.id(), user.id);
    databaseChanges.afterCommit(Change.reader(follower.id()));
    return ProfileView.of(user, true);
  }

  @Transactional
  public ProfileView unfollow(Account follower, String username) {
    User user = requireProfile(username);
    Follow.remove(follower.id(), user.id);
    databaseChanges.afterCommit(Change.reader(follower.id()));
    return ProfileView.of(user, false);
  }

  private static User requireProfile(String username) {
    return User.findByUsername(username)
        .filter(user -> user.active)
        .orElseThrow(() -> ApiException.notFound("profile"));
  }
}
