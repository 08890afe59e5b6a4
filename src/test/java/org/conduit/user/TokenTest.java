package org.conduit.user;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.TestUsers;
import org.conduit.support.Tokens;
import org.junit.jupiter.api.Test;

/** What the service accepts as a token, and the 401s for everything else. */
@QuarkusTest
class TokenTest {

  private static final String INVALID = "Invalid authentication. Could not decode token.";

  @Inject Administration admin;

  private static void rejected(String authorization, String message) {
    given()
        .header("Authorization", authorization)
        .get("/api/user")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Token")
        .body("errors.token", contains(message));
  }

  private static void accepted(String authorization, String username) {
    given()
        .header("Authorization", authorization)
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.username", equalTo(username));
  }

  @Test
  void acceptsTokenAndBearerSchemesInAnyCase() {
    TestUsers.Account account = TestUsers.register();
    for (String scheme : new String[] {"Token", "token", "TOKEN", "Bearer", "bearer", "BeArEr"}) {
      accepted(scheme + " " + account.token(), account.username());
    }
  }

  @Test
  void theCurrentUserEchoesThePresentedToken() {
    TestUsers.Account account = TestUsers.register();
    given()
        .header("Authorization", "Token " + account.token())
        .get("/api/user")
        .then()
        .body("user.token", equalTo(account.token()));
  }

  @Test
  void aMissingHeaderIsMissing() {
    given()
        .get("/api/user")
        .then()
        .statusCode(401)
        .body(equalTo("{\"errors\":{\"token\":[\"is missing\"]}}"));
  }

  @Test
  void otherSchemesAndMalformedHeadersAreInvalid() {
    TestUsers.Account account = TestUsers.register();
    rejected("Basic dXNlcjpwYXNz", INVALID);
    rejected(account.token(), INVALID);
    rejected("Token", INVALID);
    rejected("Token ", INVALID);
    rejected("Token  " + account.token(), INVALID);
    rejected("Token not.a.jwt", INVALID);
  }

  @Test
  void anExpiredTokenIsRejected() {
    TestUsers.Account account = TestUsers.register();
    Instant past = Instant.now().minusSeconds(3600 * 24);
    rejected(
        "Token "
            + Tokens.sign(
                Tokens.claims(Long.toString(account.id()))
                    .issuedAt(past)
                    .expiresAt(past.plusSeconds(3600))),
        INVALID);
  }

  @Test
  void aTamperedTokenIsRejected() {
    TestUsers.Account account = TestUsers.register();
    rejected("Token " + Tokens.tampered(account.token()), INVALID);
    // Someone else's id in the payload, original signature.
    rejected(
        "Token "
            + Tokens.withPayload(
                account.token(),
                "{\"iss\":\"conduit\",\"sub\":\"1\",\"iat\":"
                    + Instant.now().getEpochSecond()
                    + ",\"exp\":"
                    + (Instant.now().getEpochSecond() + 3600)
                    + "}"),
        INVALID);
  }

  @Test
  void anUnsignedTokenIsRejected() {
    TestUsers.Account account = TestUsers.register();
    rejected("Token " + Tokens.unsigned(account.token()), INVALID);
  }

  @Test
  void otherAlgorithmsAreRejected() throws Exception {
    TestUsers.Account account = TestUsers.register();
    String subject = Long.toString(account.id());
    rejected(
        "Token " + Tokens.claims(subject).jws().algorithm(SignatureAlgorithm.HS512).sign(longKey()),
        INVALID);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    rejected(
        "Token "
            + Tokens.claims(subject)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .sign(rsa.generateKeyPair().getPrivate()),
        INVALID);
  }

  @Test
  void anotherKeyIsRejected() {
    TestUsers.Account account = TestUsers.register();
    rejected(
        "Token "
            + Tokens.claims(Long.toString(account.id()))
                .jws()
                .algorithm(SignatureAlgorithm.HS256)
                .sign(
                    new SecretKeySpec(
                        "another-secret-of-at-least-32-bytes-length"
                            .getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256")),
        INVALID);
  }

  @Test
  void anotherIssuerIsRejected() {
    TestUsers.Account account = TestUsers.register();
    rejected(
        "Token " + Tokens.sign(Tokens.claims(Long.toString(account.id())).issuer("someone-else")),
        INVALID);
  }

  @Test
  void aLifetimeAboveTheMaximumIsRejected() {
    TestUsers.Account account = TestUsers.register();
    Instant now = Instant.now();
    rejected(
        "Token "
            + Tokens.sign(
                Tokens.claims(Long.toString(account.id()))
                    .expiresAt(now.plusSeconds(61L * 24 * 3600))),
        INVALID);
  }

  @Test
  void subjectsThatAreNotAnAccountAreRejected() {
    rejected("Token " + Tokens.sign(Tokens.claims("not-a-number")), INVALID);
    rejected("Token " + Tokens.sign(Tokens.claims("99999999999999999999999")), INVALID);
    rejected(
        "Token " + Tokens.sign(Tokens.claims(Long.toString(Long.MAX_VALUE))),
        "No user matching this token was found.");
    rejected("Token " + Tokens.sign(Tokens.claims("-1")), "No user matching this token was found.");
  }

  @Test
  void aTokenWithoutSubjectIsRejected() {
    Instant now = Instant.now();
    rejected(
        "Token "
            + Tokens.sign(Jwt.issuer("conduit").issuedAt(now).expiresAt(now.plusSeconds(3600))),
        INVALID);
  }

  @Test
  void aDeactivatedAccountsTokensStopWorkingAndStayDeadAfterReactivation() {
    TestUsers.Account account = TestUsers.register();
    // The token that changes the password is kept by the change; a deactivation ends it too.
    String newest =
        json(Map.of("user", Map.of("password", "a passphrase before the ban")))
            .header("Authorization", "Token " + account.token())
            .put("/api/user")
            .then()
            .statusCode(200)
            .extract()
            .path("user.token");
    accepted("Token " + account.token(), account.username());
    admin.setActive(Actor.commandLine(), account.username(), false, null);
    rejected("Token " + account.token(), "This user has been deactivated.");
    given()
        .header("Authorization", "Token " + account.token())
        .contentType("application/json")
        .body(Map.of("user", Map.of("bio", "still here?")))
        .put("/api/user")
        .then()
        .statusCode(401)
        .body("errors.token", contains("This user has been deactivated."));
    admin.setActive(Actor.commandLine(), account.username(), true, null);
    rejected("Token " + account.token(), "This token has been revoked.");
    rejected("Token " + newest, "This token has been revoked.");
    String fresh =
        json(Map.of(
                "user",
                Map.of("email", account.email(), "password", "a passphrase before the ban")))
            .post("/api/users/login")
            .then()
            .statusCode(200)
            .extract()
            .path("user.token");
    accepted("Token " + fresh, account.username());
  }

  private static SecretKeySpec longKey() {
    return new SecretKeySpec(
        ("test-only-secret-not-for-production-use-0123456789" + "-padded-for-hs512-0123456789")
            .getBytes(StandardCharsets.UTF_8),
        "HmacSHA512");
  }
}
