package org.conduit.user;

import io.quarkus.security.identity.CurrentIdentityAssociation;
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
import org.conduit.common.security.VerifiedTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of this request: the account {@link AccountRoles} found behind the verified token, as
 * it is now ({@link Accounts}: kept in memory, dropped the moment the account changes). A token of
 * an unknown or deactivated account, or one issued before the account's last password change or
 * deactivation (an older token version), is refused even though its signature is fine. {@code GET
 * /api/user} takes a shorter way on the I/O thread, with the same checks.
 */
@RequestScoped
public class CurrentUser {

  private final SecurityIdentity identity;
  private final CurrentIdentityAssociation association;
  private final JsonWebToken token;
  private final HttpHeaders headers;
  private final Accounts accounts;
  private final VerifiedTokens verifiedTokens;
  private Optional<Account> user;

  public CurrentUser(
      SecurityIdentity identity,
      CurrentIdentityAssociation association,
      JsonWebToken token,
      HttpHeaders headers,
      Accounts accounts,
      VerifiedTokens verifiedTokens) {
    this.identity = identity;
    this.association = association;
    this.token = token;
    this.headers = headers;
    this.accounts = accounts;
    this.verifiedTokens = verifiedTokens;
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

  /** The account {@link AccountRoles} put into the identity, after the header's own check. */
  private Account load() {
    oneAuthorizationHeader();
    return identity.getAttribute(AccountRoles.ACCOUNT);
  }

  /**
   * The caller's own {@link UserView}, for {@code GET /api/user} on an I/O thread. A token SmallRye
   * JWT has already accepted ({@link VerifiedTokens#known}) skips the authentication pipeline;
   * anything else is authenticated without blocking (the deferred identity). The account is taken
   * from memory when it is there and read on a worker thread otherwise. The same checks and the
   * same 401s as {@link #require()}.
   */
  public Uni<UserView> ownViewWithoutBlocking() {
    Optional<JsonWebToken> known = knownToken();
    if (known.isPresent()) {
      return ownView(known.get());
    }
    return association
        .getDeferredIdentity()
        .flatMap(
            resolved ->
                resolved.isAnonymous()
                    ? Uni.createFrom()
                        .failure(
                            ApiException.unauthorized(AuthMessages.forMissingIdentity(headers)))
                    : ownView((JsonWebToken) resolved.getPrincipal()));
  }

  /**
   * The caller when their token was accepted before and their account is in memory and passes every
   * check of {@link #require()}; never blocks, so it can be asked on an I/O thread. Empty means
   * "ask {@link #find()}", which also gives the reason when the caller is refused.
   */
  public Optional<Account> knownWithoutBlocking() {
    Optional<JsonWebToken> jwt = knownToken();
    if (jwt.isEmpty()) {
      return Optional.empty();
    }
    try {
      TokenClaims claims = claims(jwt.get());
      Optional<Account> account = accounts.known(claims.id());
      return account.isPresent() ? Optional.of(claims.check(account)) : Optional.empty();
    } catch (ApiException refused) {
      return Optional.empty();
    }
  }

  /** The token of the one Authorization header, when SmallRye JWT has accepted it before. */
  private Optional<JsonWebToken> knownToken() {
    List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.size() != 1) {
      return Optional.empty();
    }
    return verifiedTokens.known(authorization.get(0));
  }

  private Uni<UserView> ownView(JsonWebToken jwt) {
    TokenClaims claims = claims(jwt);
    Optional<Account> known = accounts.known(claims.id());
    if (known.isPresent()) {
      return Uni.createFrom().item(UserView.of(claims.check(known), jwt.getRawToken()));
    }
    return Uni.createFrom()
        .item(() -> UserView.of(claims.check(accounts.find(claims.id())), jwt.getRawToken()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /**
   * True when the request carries no Authorization header at all: it is anonymous for certain,
   * without authenticating anything (so this can be asked on an I/O thread).
   */
  public boolean sentNoCredentials() {
    return headers.getHeaderString(HttpHeaders.AUTHORIZATION) == null;
  }

  /**
   * The caller's token as the service reads it, after every check of {@link #require()}: a password
   * change keeps this one valid ({@link UserService#update}).
   */
  public TokenClaims presentedToken() {
    require();
    return claims(token);
  }

  /** What the token says about its account: checked against the account on every request. */
  public record TokenClaims(long id, int version, String raw) {

    /** The claims as we write them: 401 for a token whose subject or version is not ours. */
    static TokenClaims of(JsonWebToken jwt) {
      return new TokenClaims(
          canonicalId(jwt.getSubject()),
          versionOf(jwt.getClaim(TokenIssuer.VERSION_CLAIM)),
          jwt.getRawToken());
    }

    Account check(Optional<Account> account) {
      Account found =
          account.orElseThrow(() -> ApiException.unauthorized(AuthMessages.UNKNOWN_USER));
      if (!found.active()) {
        throw ApiException.unauthorized(AuthMessages.DEACTIVATED);
      }
      if (!found.accepts(version, raw)) {
        throw ApiException.unauthorized(AuthMessages.REVOKED);
      }
      return found;
    }
  }

  private TokenClaims claims(JsonWebToken jwt) {
    oneAuthorizationHeader();
    return TokenClaims.of(jwt);
  }

  /** Two Authorization headers are ambiguous: which one would the client mean? */
  private void oneAuthorizationHeader() {
    List<String> authorization = headers.getRequestHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.size() > 1) {
      throw ApiException.unauthorized(AuthMessages.INVALID);
    }
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
