package org.conduit.user;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.conduit.common.error.ApiException;
import org.conduit.common.security.AuthMessages;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, resolved once per request from the verified token and re-checked
 * against the database every time: a token of an unknown or deactivated account is refused even
 * though its signature is fine.
 */
@RequestScoped
public class CurrentUser {

  private final SecurityIdentity identity;
  private final JsonWebToken token;
  private final HttpHeaders headers;
  private Optional<User> user;

  public CurrentUser(SecurityIdentity identity, JsonWebToken token, HttpHeaders headers) {
    this.identity = identity;
    this.token = token;
    this.headers = headers;
  }

  /** The caller, or a 401 when there is none. */
  public User require() {
    return find()
        .orElseThrow(() -> ApiException.unauthorized(AuthMessages.forMissingIdentity(headers)));
  }

  /**
   * The caller when a token was sent, empty for an anonymous request. A token that was sent but is
   * not valid is still a 401: a client that believes it is signed in must hear that it is not.
   */
  public Optional<User> find() {
    if (user == null) {
      user = identity.isAnonymous() ? Optional.empty() : Optional.of(load());
    }
    return user;
  }

  /** The raw token the caller presented. */
  public String token() {
    return token.getRawToken();
  }

  private User load() {
    long id;
    try {
      id = Long.parseLong(token.getSubject());
    } catch (NumberFormatException e) {
      throw ApiException.unauthorized(AuthMessages.INVALID);
    }
    User found = User.findById(id);
    if (found == null) {
      throw ApiException.unauthorized(AuthMessages.UNKNOWN_USER);
    }
    if (!found.active) {
      throw ApiException.unauthorized(AuthMessages.DEACTIVATED);
    }
    return found;
  }
}
