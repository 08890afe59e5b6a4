package org.conduit.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.conduit.common.cache.CacheSettings;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token parser SmallRye JWT's authentication uses, with a memory of tokens it has already
 * verified. SmallRye JWT does every verification (signature, algorithm, issuer, claims, lifetime;
 * see {@link TokenVerification}); a token it accepted is then remembered under its exact text until
 * it expires (at most ten minutes), so that the requests of a signed-in client do not each pay for
 * decoding two JSON documents and an HMAC. Refused tokens are never remembered. Whether the account
 * behind a token may still use it is not decided here but on every request, from the account itself
 * ({@code CurrentUser}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

  private static final long MAX_KEEP_NANOS = Duration.ofMinutes(10).toNanos();

  private final DefaultJWTParser smallrye;
  private final List<String> schemes;
  private final Cache<String, JsonWebToken> verified;

  @Inject
  public VerifiedTokens(
      DefaultJWTParser smallrye, JWTAuthContextInfo verification, CacheSettings settings) {
    this(smallrye, verification.getTokenSchemes(), settings.tokens());
  }

  VerifiedTokens(DefaultJWTParser smallrye, List<String> schemes, int size) {
    this.smallrye = smallrye;
    this.schemes = schemes;
    this.verified = Caffeine.newBuilder().maximumSize(size).expireAfter(new UntilExpiry()).build();
  }

  @Override
  public JsonWebToken parse(String token) throws ParseException {
    JsonWebToken known = verified.getIfPresent(token);
    if (known != null) {
      return known;
    }
    if (!TokenHeaders.onlyOurs(token)) {
      throw new ParseException("token header with parameters we do not issue");
    }
    JsonWebToken parsed = smallrye.parse(token);
    verified.put(token, parsed);
    return parsed;
  }

  /**
   * The token of an {@code Authorization} header value ({@code <scheme> <jwt>}, one space, one of
   * the configured schemes in any case) when SmallRye JWT has already accepted exactly that token
   * and it has not expired: the request can then skip the authentication machinery. Empty means
   * "authenticate as usual", never "refused".
   */
  public Optional<JsonWebToken> known(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = authorization.substring(0, space);
    if (schemes.stream().noneMatch(scheme::equalsIgnoreCase)) {
      return Optional.empty();
    }
    return Optional.ofNullable(verified.getIfPresent(authorization.substring(space + 1)));
  }

  // Everything else is SmallRye JWT's, unchanged and uncached.

  @Override
  public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
    return smallrye.parse(token, context);
  }

  @Override
  public JsonWebToken verify(String token, PublicKey key) throws ParseException {
    return smallrye.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, SecretKey key) throws ParseException {
    return smallrye.verify(token, key);
  }

  @Override
  public JsonWebToken verify(String token, String secret) throws ParseException {
    return smallrye.verify(token, secret);
  }

  @Override
  public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
    return smallrye.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
    return smallrye.decrypt(token, key);
  }

  @Override
  public JsonWebToken decrypt(String token, String secret) throws ParseException {
    return smallrye.decrypt(token, secret);
  }

  @Override
  public JsonWebToken parseOnly(String token) throws ParseException {
    return smallrye.parseOnly(token);
  }

  /** Kept until the token expires, and never longer than ten minutes. */
  private static final class UntilExpiry implements Expiry<String, JsonWebToken> {

    @Override
    public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
      long untilExpiry =
          Duration.ofSeconds(jwt.getExpirationTime() - System.currentTimeMillis() / 1000).toNanos();
      return Math.max(0, Math.min(untilExpiry, MAX_KEEP_NANOS));
    }

    @Override
    public long expireAfterUpdate(
        String token, JsonWebToken jwt, long currentTime, long currentDuration) {
      return currentDuration;
    }

    @Override
    public long expireAfterRead(
        String token, JsonWebToken jwt, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
