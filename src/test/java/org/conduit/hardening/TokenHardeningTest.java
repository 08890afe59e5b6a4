package org.conduit.hardening;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.support.TestUsers;
import org.conduit.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Revocation by token version (a password change keeps the token that made it), the refused token
 * shapes, and the one answer for each variant of the Authorization header (see docs/hardening.md).
 */
@QuarkusTest
class TokenHardeningTest {

  private static final String INVALID = "Invalid authentication. Could not decode token.";
  private static final String REVOKED = "This token has been revoked.";

  private static void rejected(RequestSpecification request, String message) {
    request.get("/api/user").then().statusCode(401).body("errors.token", contains(message));
  }

  private static void rejected(String authorization, String message) {
    rejected(given().header("Authorization", authorization), message);
  }

  private static void accepted(String token, String username) {
    given()
        .header("Authorization", "Token " + token)
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.username", equalTo(username));
  }

  private static String changePassword(String token, String password) {
    return json(
            given().header("Authorization", "Token " + token),
            Map.of("user", Map.of("password", password)))
        .put("/api/user")
        .then()
        .statusCode(200)
        .extract()
        .path("user.token");
  }

  private static String login(String email, String password) {
    return json(Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then()
        .statusCode(200)
        .extract()
        .path("user.token");
  }

  @Test
  void aPasswordChangeKeepsTheTokenThatMadeItAndRevokesEveryOther() {
    TestUsers.Account account = TestUsers.register();
    String other = login(account.email(), account.password());
    String first = changePassword(account.token(), "a new passphrase for this account");
    accepted(account.token(), account.username());
    accepted(first, account.username());
    rejected("Token " + other, REVOKED);
    // The other client cannot change the password back with its revoked token.
    json(
            given().header("Authorization", "Token " + other),
            Map.of("user", Map.of("password", "the other client's passphrase")))
        .put("/api/user")
        .then()
        .statusCode(401)
        .body("errors.token", contains(REVOKED));
    String afterLogin = login(account.email(), "a new passphrase for this account");
    accepted(afterLogin, account.username());
  }

  @Test
  void aSecondChangeWithTheSameTokenKeepsItAndTheNewestReplyOnly() {
    TestUsers.Account account = TestUsers.register();
    String first = changePassword(account.token(), "the first new passphrase");
    String second = changePassword(account.token(), "the second new passphrase");
    accepted(account.token(), account.username());
    accepted(second, account.username());
    rejected("Token " + first, REVOKED);
    // The newest reply may make the next change; then the token it replaces is the one kept.
    String third = changePassword(second, "the third new passphrase");
    accepted(second, account.username());
    accepted(third, account.username());
    rejected("Token " + account.token(), REVOKED);
  }

  @Test
  void twoChangesAtOnceWithTwoTokensLeaveOneWinner() throws Exception {
    TestUsers.Account account = TestUsers.register();
    String other = login(account.email(), account.password());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> a = pool.submit(() -> change(account.token(), "passphrase of client a"));
      Future<Integer> b = pool.submit(() -> change(other, "passphrase of client b"));
      List<Integer> statuses = List.of(a.get(), b.get());
      assertEquals(List.of(200, 401), statuses.stream().sorted().toList(), statuses.toString());
      String winner = a.get() == 200 ? account.token() : other;
      String loser = a.get() == 200 ? other : account.token();
      accepted(winner, account.username());
      rejected("Token " + loser, REVOKED);
      login(account.email(), a.get() == 200 ? "passphrase of client a" : "passphrase of client b");
    } finally {
      pool.shutdownNow();
    }
  }

  private static int change(String token, String password) {
    return json(
            given().header("Authorization", "Token " + token),
            Map.of("user", Map.of("password", password)))
        .put("/api/user")
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void otherChangesKeepEarlierTokens() {
    TestUsers.Account account = TestUsers.register();
    String name = TestUsers.unique("kept");
    json(
            given().header("Authorization", "Token " + account.token()),
            Map.of("user", Map.of("email", name + "@example.com", "username", name, "bio", "hi")))
        .put("/api/user")
        .then()
        .statusCode(200);
    accepted(account.token(), name);
  }

  @Test
  void tokensNamingOrCarryingKeysAreRefused() {
    TestUsers.Account account = TestUsers.register();
    String subject = Long.toString(account.id());
    rejected(
        "Token "
            + Tokens.claims(subject)
                .jws()
                .keyId("conduit-key")
                .algorithm(SignatureAlgorithm.HS256)
                .sign(Tokens.testKey()),
        INVALID);
    long now = Instant.now().getEpochSecond();
    String payload =
        "{\"iss\":\"conduit\",\"sub\":\""
            + subject
            + "\",\"ver\":0,\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 3600)
            + "}";
    rejected(
        "Token "
            + Tokens.signRaw(
                "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"jku\":\"https://evil.test/jwks\"}", payload),
        INVALID);
    rejected(
        "Token "
            + Tokens.signRaw(
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}}", payload),
        INVALID);
    rejected(
        "Token "
            + Tokens.signRaw("{\"alg\":\"HS256\",\"x5u\":\"https://evil.test/cert\"}", payload),
        INVALID);
    rejected("Token " + Tokens.signRaw("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", payload), INVALID);
    // The same claims with a plain header are fine: the refusals above are about the header.
    accepted(Tokens.signRaw("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload), account.username());
  }

  @Test
  void duplicateClaimsAreRefused() {
    TestUsers.Account account = TestUsers.register();
    long now = Instant.now().getEpochSecond();
    String times = ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
    rejected(
        "Token "
            + Tokens.signRaw(
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"conduit\",\"sub\":\"1\",\"sub\":\""
                    + account.id()
                    + "\",\"ver\":0"
                    + times),
        INVALID);
    rejected(
        "Token "
            + Tokens.signRaw(
                "{\"alg\":\"HS256\"}",
                "{\"iss\":\"conduit\",\"sub\":\""
                    + account.id()
                    + "\",\"ver\":5,\"ver\":0"
                    + times),
        INVALID);
  }

  @Test
  void subjectsAndVersionsMustBeExactlyOurs() {
    TestUsers.Account account = TestUsers.register();
    long id = account.id();
    for (String subject : new String[] {"+" + id, "0" + id, " " + id, id + ".0", "-" + id}) {
      rejected(
          "Token " + Tokens.sign(Tokens.claims(subject)),
          subject.startsWith("-") ? "No user matching this token was found." : INVALID);
    }
    rejected("Token " + Tokens.sign(Tokens.claims("1".repeat(400))), INVALID);
    rejected("Token " + Tokens.sign(Tokens.claims(Long.toString(id)).claim("ver", 1)), REVOKED);
    rejected("Token " + Tokens.sign(Tokens.claims(Long.toString(id)).claim("ver", "0")), INVALID);
    rejected(
        "Token " + Tokens.sign(Tokens.claims(Long.toString(id)).claim("ver", 1L << 40)), INVALID);
    rejected("Token " + Tokens.sign(Tokens.claims(Long.toString(id)).claim("ver", 0.5)), INVALID);
    Instant now = Instant.now();
    rejected(
        "Token "
            + Tokens.sign(
                io.smallrye.jwt.build.Jwt.issuer("conduit")
                    .subject(Long.toString(id))
                    .issuedAt(now)
                    .expiresAt(now.plusSeconds(3600))),
        INVALID);
  }

  @Test
  void aLifetimeAboveTheMaximumIsRefusedEvenWhenItStartedLongAgo() {
    TestUsers.Account account = TestUsers.register();
    Instant longAgo = Instant.now().minusSeconds(30L * 24 * 3600);
    rejected(
        "Token "
            + Tokens.sign(
                Tokens.claims(Long.toString(account.id()))
                    .issuedAt(longAgo)
                    .expiresAt(longAgo.plusSeconds(365L * 24 * 3600))),
        INVALID);
  }

  /** The documented answer to each variant of the Authorization header. */
  @Test
  void eachHeaderVariantHasOneAnswer() {
    TestUsers.Account account = TestUsers.register();
    accepted(account.token(), account.username());
    given()
        .header("Authorization", "bearer " + account.token())
        .get("/api/user")
        .then()
        .statusCode(200);
    rejected("Token  " + account.token(), INVALID);
    rejected("Token " + account.token() + " extra", INVALID);
    rejected("Token ", INVALID);
    rejected("Token", INVALID);
    rejected(account.token(), INVALID);
    rejected(
        given()
            .header("Authorization", "Token " + account.token())
            .header("Authorization", "Token " + account.token()),
        INVALID);
    rejected(
        given()
            .header("Authorization", "Token " + account.token())
            .header("Authorization", "Token not-a-token"),
        INVALID);
    rejected(given().queryParam("token", account.token()), "is missing");
    rejected(given().queryParam("access_token", account.token()), "is missing");
    rejected(given().cookie("token", account.token()), "is missing");
  }
}
