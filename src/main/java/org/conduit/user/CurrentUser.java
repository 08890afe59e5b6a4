package org.conduit.user;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonNumber;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Optional;
import org.conduit.common.error.ApiException;
import org.conduit.common.security.AuthMessages;
import org.conduit.common.security.TokenIssuer;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request, resolved once per request from the verified token and re-checked
 * against the current state of the account every time ({@link Accounts}: kept in memory, dropped
 * the moment the account changes): a token of an unknown or deactivated account, or one issued
 * before the account's last password change or deactivation (an older token version), is refused
 * even though its signature is fine.
 */
@RequestScoped
public class CurrentUser {

  private final SecurityIdentity identity;
  private final JsonWebToken token;
  private final HttpHeaders headers;
  private Optional<Account> user;

  private final Accounts accounts;

  public CurrentUser(
      SecurityIdentity identity, JsonWebToken token, HttpHeaders headers, Accounts accounts) {
    this.identity = identity;
    this.token = token;
    this.headers = headers;
    this.accounts = accounts;
  }

  /** The caller, or a 401 when there is none. */
  public Account require() {
    return find()
        .orElseThrow(() -> ApiException.unauthorized(AuthMessages.forMissingIdentity(headers)));
  }

  /**
   * The caller when a token was sent, empty for an anonymous request. A token that was sent but is
   * not valid is still a 401: a client that believes it is signed in must hear that it is not.
   */
  public Optional<Account> find() {
    if (user == null) {
      user = identity.isAnonymous() ? Optional.empty() : Optional.of(load());
    }
    return user;
  }

  /**
   * {@link #require()} for endpoints that run on an I/O thread (annotated {@code @NonBlocking} and
   * {@code @Authenticated}): answered at once when the account is in memory, otherwise read on a
   * worker thread. The same checks and the same 401s.
   */
  public Uni<Account> requireWithoutBlocking() {
    if (identity.isAnonymous()) {
      return Uni.createFrom()
          .failure(ApiException.unauthorized(AuthMessages.forMissingIdentity(headers)));
    }
    TokenClaims claims = claims();
    Optional<Account> known = accounts.known(claims.id());
    if (known.isPresent()) {
      return Uni.createFrom().item(() -> claims.check(known));
    }
    return Uni.createFrom()
        .item(() -> claims.check(accounts.find(claims.id())))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** The raw token the caller presented. */
  public String token() {
    return token.getRawToken();
  }

  private Account load() {
    TokenClaims claims = claims();
    return claims.check(accounts.find(claims.id()));
  }

  /** What the token says about its account: checked against the account on every request. */
  private record TokenClaims(long id, int version) {

    Account check(Optional<Account> account) {
      Account found =
          account.orElseThrow(() -> ApiException.unauthorized(AuthMessages.UNKNOWN_USER));
      if (!found.active()) {
        throw ApiException.unauthorized(AuthMessages.DEACTIVATED);
      }
      if (found.tokenVersion() != version) {
        throw ApiException.unauthorized(AuthMessages.REVOKED);
      }
      return found;
    }
  }

  private TokenClaims claims() {
    List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
    // Two Authorization headers are ambiguous: which one would the client mean?
    if (authorization != null && authorization.size() > 1) {
      throw ApiException.unauthorized(AuthMessages.INVALID);
    }
    return new TokenClaims(
        canonicalId(token.getSubject()), versionOf(token.getClaim(TokenIssuer.VERSION_CLAIM)));
  }

  /** The subject exactly as we write it: no sign, no leading zeros, within a long. */
  private static long canonicalId(String subject) {
    try {
      long id = Long.parseLong(subject);
      if (Long.toString(id).equals(subject)) {
        return id;
      }
    } catch (NumberFormatException e) {
      // falls through to the refusal
    }
    throw ApiException.unauthorized(AuthMessages.INVALID);
  }

  private static int versionOf(Object claim) {
    if (claim instanceof JsonNumber number && number.isIntegral()) {
      try {
        return number.intValueExact();
      } catch (ArithmeticException e) {
        throw ApiException.unauthorized(AuthMessages.INVALID);
      }
    }
    if (claim instanceof Integer || claim instanceof Long) {
      long value = ((Number) claim).longValue();
      if (value == (int) value) {
        return (int) value;
      }
    }
    throw ApiException.unauthorized(AuthMessages.INVALID);
  }
}
