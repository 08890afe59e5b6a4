package org.conduit.common.security;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Instant;
import java.util.List;
import org.conduit.support.Tokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** What the memory of verified tokens keeps, and what it never keeps. */
class VerifiedTokensTest {

  private final DefaultJWTParser smallrye = mock(DefaultJWTParser.class);
  private final VerifiedTokens tokens =
      new VerifiedTokens(smallrye, List.of("Token", "Bearer"), 100);

  private static JsonWebToken expiringAt(Instant expiry) {
    JsonWebToken jwt = mock(JsonWebToken.class);
    when(jwt.getExpirationTime()).thenReturn(expiry.getEpochSecond());
    return jwt;
  }

  @Test
  void aVerifiedTokenIsVerifiedOnce() throws Exception {
    String token = Tokens.sign(Tokens.claims("1"));
    JsonWebToken jwt = expiringAt(Instant.now().plusSeconds(3600));
    when(smallrye.parse(token)).thenReturn(jwt);

    assertSame(jwt, tokens.parse(token));
    assertSame(jwt, tokens.parse(token));
    verify(smallrye, times(1)).parse(token);
  }

  @Test
  void aTokenPastItsExpiryIsNotKept() throws Exception {
    String token = Tokens.sign(Tokens.claims("2"));
    // Accepted within the clock skew, but already past exp: verified again every time.
    JsonWebToken jwt = expiringAt(Instant.now().minusSeconds(5));
    when(smallrye.parse(token)).thenReturn(jwt);

    tokens.parse(token);
    tokens.parse(token);
    verify(smallrye, times(2)).parse(token);
  }

  @Test
  void aRefusedTokenIsRefusedEveryTime() throws Exception {
    String token = Tokens.sign(Tokens.claims("3"));
    when(smallrye.parse(token)).thenThrow(new ParseException("bad signature"));

    assertThrows(ParseException.class, () -> tokens.parse(token));
    assertThrows(ParseException.class, () -> tokens.parse(token));
    verify(smallrye, times(2)).parse(token);
  }

  @Test
  void aTokenNamingAKeyNeverReachesSmallRye() throws Exception {
    String token =
        Tokens.signRaw(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"other\"}",
            "{\"iss\":\"conduit\",\"sub\":\"4\",\"ver\":0}");

    assertThrows(ParseException.class, () -> tokens.parse(token));
    verify(smallrye, never()).parse(anyString());
  }

  @Test
  void aHeaderIsKnownOnlyInTheFormsSmallRyeAccepts() throws Exception {
    String token = Tokens.sign(Tokens.claims("5"));
    JsonWebToken jwt = expiringAt(Instant.now().plusSeconds(3600));
    when(smallrye.parse(token)).thenReturn(jwt);
    assertTrue(tokens.known("Token " + token).isEmpty(), "not before SmallRye accepted it");
    tokens.parse(token);

    for (String header : List.of("Token " + token, "token " + token, "Bearer " + token)) {
      assertSame(jwt, tokens.known(header).orElseThrow(), header);
    }
    for (String header :
        List.of("Token  " + token, "Token " + token + " ", "Basic " + token, token, "Token", "")) {
      assertTrue(tokens.known(header).isEmpty(), "[" + header + "]");
    }
  }
}
