package org.conduit.user;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UpdateUserTest {

  private static ValidatableResponse put(String token, Map<String, Object> fields) {
    return json(given().header("Authorization", "Token " + token), Map.of("user", fields))
        .put("/api/user")
        .then();
  }

  private static Map<String, Object> fields(Object... pairs) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void updatesOnlyWhatIsSent() {
    TestUsers.Account account = TestUsers.register();
    put(account.token(), fields("bio", "I work at statefarm", "image", "https://img.example/a.png"))
        .statusCode(200)
        .body("user", aMapWithSize(5))
        .body("user.bio", equalTo("I work at statefarm"))
        .body("user.image", equalTo("https://img.example/a.png"))
        .body("user.email", equalTo(account.email()))
        .body("user.username", equalTo(account.username()));
    put(account.token(), fields("image", "https://img.example/b.png"))
        .statusCode(200)
        .body("user.bio", equalTo("I work at statefarm"))
        .body("user.image", equalTo("https://img.example/b.png"));
    given()
        .header("Authorization", "Token " + account.token())
        .get("/api/user")
        .then()
        .body("user.bio", equalTo("I work at statefarm"));
  }

  @Test
  void emptyOrNullBioAndImageAreStoredAsNull() {
    TestUsers.Account account = TestUsers.register();
    put(account.token(), fields("bio", "something", "image", "https://img.example/a.png"))
        .statusCode(200);
    put(account.token(), fields("bio", "", "image", null))
        .statusCode(200)
        .body("user.bio", nullValue())
        .body("user.image", nullValue());
    put(account.token(), fields("bio", "again")).statusCode(200);
    put(account.token(), fields("bio", null)).statusCode(200).body("user.bio", nullValue());
  }

  @Test
  void emailUsernameAndPasswordCannotBeBlankOrNull() {
    TestUsers.Account account = TestUsers.register();
    for (String field : new String[] {"email", "username", "password"}) {
      put(account.token(), fields(field, ""))
          .statusCode(422)
          .body("errors." + field, hasItem("can't be blank"));
      put(account.token(), fields(field, null))
          .statusCode(422)
          .body("errors." + field, hasItem("can't be blank"));
    }
  }

  @Test
  void invalidValuesAreRefused() {
    TestUsers.Account account = TestUsers.register();
    put(
            account.token(),
            fields(
                "email",
                "not-an-email",
                "username",
                "no spaces",
                "password",
                "short",
                "image",
                "javascript:alert(1)",
                "bio",
                "b".repeat(4001)))
        .statusCode(422)
        .body("errors.email", contains("is invalid"))
        .body("errors.username", contains("is invalid"))
        .body("errors.password", contains("is too short (minimum is 8 characters)"))
        .body("errors.image", contains("is invalid"))
        .body("errors.bio", contains("is too long (maximum is 4000 characters)"));
  }

  @Test
  void changingEmailAndUsernameKeepsTheSameAccountAndGivesAWorkingToken() {
    TestUsers.Account account = TestUsers.register();
    String name = TestUsers.unique("renamed");
    String token =
        put(account.token(), fields("email", name.toUpperCase() + "@Example.com", "username", name))
            .statusCode(200)
            .body("user.email", equalTo(name + "@example.com"))
            .body("user.username", equalTo(name))
            .extract()
            .path("user.token");
    assertEquals(account.id(), TestUsers.subjectOf(token));
    given()
        .header("Authorization", "Token " + token)
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.username", equalTo(name));
    json(Map.of("user", Map.of("email", name + "@example.com", "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(200);
    json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(401);
  }

  @Test
  void changingThePasswordChangesTheLogin() {
    TestUsers.Account account = TestUsers.register();
    put(account.token(), fields("password", "a brand new passphrase")).statusCode(200);
    json(Map.of("user", Map.of("email", account.email(), "password", "a brand new passphrase")))
        .post("/api/users/login")
        .then()
        .statusCode(200);
    json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(401);
  }

  @Test
  void takenEmailOrUsernameIs409ButOnesOwnIsFine() {
    TestUsers.Account me = TestUsers.register();
    TestUsers.Account other = TestUsers.register();
    put(me.token(), fields("email", other.email().toUpperCase()))
        .statusCode(409)
        .body("errors.email", contains("has already been taken"));
    put(me.token(), fields("username", other.username().toUpperCase()))
        .statusCode(409)
        .body("errors.username", contains("has already been taken"));
    put(me.token(), fields("email", me.email(), "username", me.username().toUpperCase()))
        .statusCode(200)
        .body("user.username", equalTo(me.username().toUpperCase()));
  }

  @Test
  void authenticationIsCheckedBeforeTheBody() {
    given()
        .contentType("application/json")
        .body("{not json")
        .put("/api/user")
        .then()
        .statusCode(401)
        .body("errors.token", contains("is missing"));
    given()
        .contentType("application/json")
        .body(Map.of("user", Map.of("email", "")))
        .put("/api/user")
        .then()
        .statusCode(401);
  }

  @Test
  void aBodyCannotChangePrivileges() {
    TestUsers.Account account = TestUsers.register();
    put(
            account.token(),
            fields(
                "is_superuser", true, "superuser", true, "staff", true, "active", false, "id", 1))
        .statusCode(200);
    given()
        .header("Authorization", "Token " + account.token())
        .get("/api/user")
        .then()
        .statusCode(200);
  }
}
