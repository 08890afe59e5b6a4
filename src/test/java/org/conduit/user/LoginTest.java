package org.conduit.user;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginTest {

  @InjectSpy PasswordHasher hasher;

  @Inject Administration admin;

  private static ExtractableResponse<Response> login(String email, String password) {
    return json(Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then()
        .extract();
  }

  @Test
  void logsInWithAnyCaseOfTheEmail() {
    TestUsers.Account account = TestUsers.register();
    json(Map.of(
            "user",
            Map.of("email", " " + account.email().toUpperCase(), "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(200)
        .body("user", aMapWithSize(5))
        .body("user.email", equalTo(account.email()))
        .body("user.username", equalTo(account.username()))
        .body("user.token", notNullValue());
  }

  @Test
  void theReturnedTokenAuthenticatesTheSameUser() {
    TestUsers.Account account = TestUsers.register();
    String token = login(account.email(), account.password()).path("user.token");
    assertEquals(account.id(), TestUsers.subjectOf(token));
    given()
        .header("Authorization", "Token " + token)
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.username", equalTo(account.username()));
  }

  @Test
  void unknownEmailWrongPasswordAndDeactivatedAccountGetOneAnswerAtOneHashEach() {
    TestUsers.Account wrongPassword = TestUsers.register();
    TestUsers.Account deactivated = TestUsers.register();
    admin.setActive(Actor.commandLine(), deactivated.username(), false, null);

    Map<String, ExtractableResponse<Response>> answers =
        Map.of(
            "unknown email", login(TestUsers.unique("nobody") + "@example.com", "password1"),
            "wrong password", login(wrongPassword.email(), "not the password"),
            "deactivated", login(deactivated.email(), deactivated.password()));
    answers.forEach(
        (reason, answer) -> {
          assertEquals(401, answer.statusCode(), reason);
          assertEquals("{\"errors\":{\"credentials\":[\"invalid\"]}}", answer.asString(), reason);
        });

    for (String[] attempt :
        new String[][] {
          {TestUsers.unique("nobody") + "@example.com", "password1"},
          {wrongPassword.email(), "not the password"},
          {deactivated.email(), deactivated.password()},
          {wrongPassword.email(), wrongPassword.password()}
        }) {
      clearInvocations(hasher);
      login(attempt[0], attempt[1]);
      verify(hasher, times(1)).verify(any(), any());
      verify(hasher, times(0)).hash(any());
    }
  }

  @Test
  void passwordsAreNeverTrimmed() {
    TestUsers.Account account = TestUsers.register();
    assertEquals(401, login(account.email(), " " + account.password()).statusCode());
    assertEquals(401, login(account.email(), account.password() + " ").statusCode());
    assertEquals(200, login(account.email(), account.password()).statusCode());
  }

  @Test
  void passwordsEqualInTheirFirst72BytesDoNotBothLogIn() {
    String name = TestUsers.unique("b72");
    String prefix = "x".repeat(72);
    json(Map.of(
            "user",
            Map.of("email", name + "@example.com", "username", name, "password", prefix + "first")))
        .post("/api/users")
        .then()
        .statusCode(201);
    assertEquals(200, login(name + "@example.com", prefix + "first").statusCode());
    assertEquals(401, login(name + "@example.com", prefix + "other").statusCode());
    assertEquals(401, login(name + "@example.com", prefix).statusCode());
  }

  @Test
  void blankCredentialsAre422() {
    json(Map.of("user", Map.of("email", "", "password", "")))
        .post("/api/users/login")
        .then()
        .statusCode(422)
        .body("errors.email[0]", equalTo("can't be blank"))
        .body("errors.password[0]", equalTo("can't be blank"));
  }

  @Test
  void aBrokenTokenDoesNotBlockLogin() {
    TestUsers.Account account = TestUsers.register();
    json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
        .header("Authorization", "Token eyJhbGciOiJub25lIn0.e30.")
        .post("/api/users/login")
        .then()
        .statusCode(200);
  }

  @Test
  void aReactivatedAccountLogsInAgain() {
    TestUsers.Account account = TestUsers.register();
    admin.setActive(Actor.commandLine(), account.username(), false, null);
    assertEquals(401, login(account.email(), account.password()).statusCode());
    admin.setActive(Actor.commandLine(), account.username(), true, null);
    assertEquals(200, login(account.email(), account.password()).statusCode());
  }
}
