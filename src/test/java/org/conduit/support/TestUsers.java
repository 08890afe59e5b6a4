package org.conduit.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Makes accounts with unique names through the API, so that tests never share data. */
public final class TestUsers {

  public static final String PASSWORD = "correct horse battery";

  private TestUsers() {}

  /** A registered account and its token. */
  public record Account(long id, String email, String username, String password, String token) {

    /** A request carrying this account's token as {@code Authorization: Token <jwt>}. */
    public RequestSpecification auth() {
      return given().header("Authorization", "Token " + token);
    }
  }

  /** A name no other test uses: prefix plus random hex, within the 40 characters usernames get. */
  public static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  public static Account register() {
    return register(unique("u"));
  }

  public static Account register(String username) {
    String email = username.toLowerCase() + "@example.com";
    String token =
        given()
            .contentType(ContentType.JSON)
            .body(
                Map.of("user", Map.of("email", email, "username", username, "password", PASSWORD)))
            .post("/api/users")
            .then()
            .statusCode(201)
            .extract()
            .path("user.token");
    return new Account(subjectOf(token), email, username, PASSWORD, token);
  }

  /** Signs an existing account (made with {@link #PASSWORD}) in: a fresh token. */
  public static Account login(String email, String username) {
    String token =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("user", Map.of("email", email, "password", PASSWORD)))
            .post("/api/users/login")
            .then()
            .statusCode(200)
            .extract()
            .path("user.token");
    return new Account(subjectOf(token), email, username, PASSWORD, token);
  }

  /** The {@code sub} claim of a token, read without verifying it (tests only). */
  public static long subjectOf(String token) {
    String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"sub\":\"(\\d+)\"").matcher(payload);
    if (!m.find()) {
      throw new IllegalStateException("token without a numeric subject");
    }
    return Long.parseLong(m.group(1));
  }
}
