package org.conduit.user;

import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.TestTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RegistrationTest {

  private static Map<String, Object> user(String email, String username, String password) {
    Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("email", email);
    fields.put("username", username);
    fields.put("password", password);
    return Map.of("user", fields);
  }

  @Test
  void registersAndAnswersTheFullUserWith201() {
    String name = TestUsers.unique("reg");
    json(user(name + "@example.com", name, "password1"))
        .post("/api/users")
        .then()
        .statusCode(201)
        .contentType("application/json")
        .body("user", aMapWithSize(5))
        .body("user.email", equalTo(name + "@example.com"))
        .body("user.username", equalTo(name))
        .body("user.bio", nullValue())
        .body("user.image", nullValue())
        .body("user.token", notNullValue())
        .body("user", hasKey("bio"))
        .body("user", hasKey("image"));
  }

  @Test
  void storesTheEmailTrimmedAndLowerCased() {
    String name = TestUsers.unique("Case");
    json(user("  " + name.toUpperCase() + "@EXAMPLE.com \t", name, "password1"))
        .post("/api/users")
        .then()
        .statusCode(201)
        .body("user.email", equalTo(name.toLowerCase() + "@example.com"));
  }

  @Test
  void anEmailIsTakenWhateverItsCaseOrLookAlikeSpelling() {
    String name = TestUsers.unique("kelvin");
    // "k" as the Kelvin sign U+212A, full-width "e" (U+FF45) and "fi" as a ligature (U+FB01).
    String local = "k" + name.substring(1) + "fi";
    json(user(local + "@example.com", name, "password1")).post("/api/users").then().statusCode(201);
    for (String lookAlike :
        List.of(
            "\u212A" + name.substring(1) + "fi@example.com",
            local.toUpperCase() + "@EXAMPLE.COM",
            local.replace("fi", "\uFB01") + "@\uFF45xample.com")) {
      json(user(lookAlike, TestUsers.unique("other"), "password1"))
          .post("/api/users")
          .then()
          .statusCode(409)
          .body("errors.email", contains("has already been taken"));
    }
  }

  @Test
  void aUsernameIsTakenWhateverItsCase() {
    TestUsers.Account first = TestUsers.register();
    json(user(TestUsers.unique("x") + "@example.com", first.username().toUpperCase(), "password1"))
        .post("/api/users")
        .then()
        .statusCode(409)
        .body("errors.username", contains("has already been taken"))
        .body("errors", not(hasKey("email")));
  }

  @Test
  void bothTakenFieldsAreNamed() {
    TestUsers.Account first = TestUsers.register();
    json(user(first.email(), first.username(), "password1"))
        .post("/api/users")
        .then()
        .statusCode(409)
        .body("errors.email", contains("has already been taken"))
        .body("errors.username", contains("has already been taken"));
  }

  @Test
  void blankFieldsAreRefusedFieldByField() {
    json(user("", null, ""))
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.email", contains("can't be blank"))
        .body("errors.username", contains("can't be blank"))
        .body("errors.password[0]", equalTo("can't be blank"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plainaddress",
        "@example.com",
        "jake@",
        "jake@example",
        "ja ke@example.com",
        "jake@@example.com",
        "jake\u200B@example.com",
        "jake\u0000@example.com",
        "jake\r\n@example.com",
        "jake@exa..mple.com"
      })
  void invalidEmailsAreRefused(String email) {
    json(user(email, TestUsers.unique("inv"), "password1"))
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.email", contains("is invalid"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"with space", "slash/name", "..", ".hidden", "semi;colon", "ünïcode"})
  void usernamesAreUrlSafe(String username) {
    json(user(TestUsers.unique("un") + "@example.com", username, "password1"))
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.username", contains("is invalid"));
  }

  @Test
  void fullWidthUsernamesBecomePlainAscii() {
    String name = TestUsers.unique("fw");
    StringBuilder fullWidth = new StringBuilder();
    name.chars().forEach(c -> fullWidth.append((char) (c + 0xFEE0)));
    json(user(name + "@example.com", fullWidth.toString(), "password1"))
        .post("/api/users")
        .then()
        .statusCode(201)
        .body("user.username", equalTo(name));
  }

  @Test
  void overLongFieldsAreRefused() {
    json(user("a".repeat(250) + "@example.com", "u".repeat(41), "p".repeat(129)))
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.email", hasItem("is too long (maximum is 254 characters)"))
        .body("errors.username", contains("is too long (maximum is 40 characters)"))
        .body("errors.password", contains("is too long (maximum is 128 characters)"));
  }

  @Test
  void passwordsOfSevenCharactersAreTooShort() {
    json(user(TestUsers.unique("s") + "@example.com", TestUsers.unique("s"), "1234567"))
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.password", contains("is too short (minimum is 8 characters)"));
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 64, 72, 100, 128})
  void longPasswordsAreAcceptedAndWorkForLogin(int length) {
    String name = TestUsers.unique("len");
    String password = "é".repeat(length / 2) + "x".repeat(length - length / 2);
    json(user(name + "@example.com", name, password)).post("/api/users").then().statusCode(201);
    json(Map.of("user", Map.of("email", name + "@example.com", "password", password)))
        .post("/api/users/login")
        .then()
        .statusCode(200);
  }

  @Test
  @TestTransaction
  void aBodyCannotGrantItselfPrivilegesOrPickItsId() {
    String name = TestUsers.unique("mass");
    Map<String, Object> fields = new java.util.HashMap<>();
    fields.put("email", name + "@example.com");
    fields.put("username", name);
    fields.put("password", "password1");
    fields.put("id", 1);
    fields.put("is_superuser", true);
    fields.put("superuser", true);
    fields.put("is_staff", true);
    fields.put("staff", true);
    fields.put("active", false);
    fields.put("passwordHash", "x");
    fields.put("bio", "set at sign-up is ignored");
    json(Map.of("user", fields, "admin", true))
        .post("/api/users")
        .then()
        .statusCode(201)
        .body("user.bio", nullValue());
    User stored = User.findByEmail(name + "@example.com").orElseThrow();
    assertFalse(stored.superuser);
    assertFalse(stored.staff);
    assertTrue(stored.active);
    assertTrue(stored.passwordHash.startsWith("$2"), "a bcrypt hash is stored");
  }

  @Test
  void aStaleOrBrokenTokenDoesNotBlockRegistration() {
    String name = TestUsers.unique("stale");
    json(user(name + "@example.com", name, "password1"))
        .header("Authorization", "Token not-a-jwt")
        .post("/api/users")
        .then()
        .statusCode(201);
  }

  @Test
  void twentySimultaneousRegistrationsOfOneEmailGiveOne201AndNineteen409s() throws Exception {
    String email = TestUsers.unique("race") + "@example.com";
    int n = 20;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> statuses = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String username = TestUsers.unique("race");
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return json(user(email, username, "password1"))
                      .post("/api/users")
                      .then()
                      .extract()
                      .statusCode();
                }));
      }
      start.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        results.add(status.get());
      }
      assertEquals(1, results.stream().filter(s -> s == 201).count(), results.toString());
      assertEquals(n - 1, results.stream().filter(s -> s == 409).count(), results.toString());
    } finally {
      pool.shutdownNow();
    }
  }
}
