package org.conduit.hardening;

import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-address limits, which the rest of the suite runs far above: here with low ones, in a
 * profile of their own (Quarkus restarts for it), every request coming from 127.0.0.1.
 */
@QuarkusTest
@TestProfile(AddressThrottleTest.LowAddressLimits.class)
class AddressThrottleTest {

  public static class LowAddressLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "conduit.throttle.registrations-per-address", "3",
          "conduit.throttle.login-failures-per-address", "4",
          "conduit.throttle.password-resets-per-address", "3");
    }
  }

  @Inject EntityManager em;

  @BeforeEach
  void freshCounters() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM throttle_counters").executeUpdate());
  }

  private static Map<String, Object> registration(String name) {
    return Map.of(
        "user", Map.of("email", name + "@example.com", "username", name, "password", "password1"));
  }

  @Test
  void anAddressMayRegisterThreeTimesAnHour() {
    for (int i = 0; i < 3; i++) {
      json(registration(TestUsers.unique("ra"))).post("/api/users").then().statusCode(201);
    }
    refusedForMostOfAnHour(
        json(registration(TestUsers.unique("ra"))).post("/api/users").then(),
        "too many registrations, try again later");
  }

  @Test
  void anAddressFailingLoginsOnManyAccountsIsBlocked() {
    for (int i = 0; i < 4; i++) {
      json(Map.of(
              "user",
              Map.of("email", TestUsers.unique("spray") + "@example.com", "password", "password1")))
          .post("/api/users/login")
          .then()
          .statusCode(401);
    }
    json(Map.of(
            "user",
            Map.of("email", TestUsers.unique("spray") + "@example.com", "password", "password1")))
        .post("/api/users/login")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body("errors.credentials", contains("too many failed attempts, try again later"));
  }

  @Test
  void anAddressAskingForResetsOfManyEmailsIsBlocked() {
    for (int i = 0; i < 3; i++) {
      json(Map.of("user", Map.of("email", TestUsers.unique("reset") + "@example.com")))
          .post("/api/users/password-reset")
          .then()
          .statusCode(202);
    }
    refusedForMostOfAnHour(
        json(Map.of("user", Map.of("email", TestUsers.unique("reset") + "@example.com")))
            .post("/api/users/password-reset")
            .then(),
        "too many password-reset requests, try again later");
  }

  /** A 429 with this message, to be tried again in more than ten minutes and at most an hour. */
  private static void refusedForMostOfAnHour(ValidatableResponse answer, String message) {
    String retryAfter =
        answer
            .statusCode(429)
            .body("errors.request", contains(message))
            .extract()
            .header("Retry-After");
    long seconds = Long.parseLong(retryAfter);
    assertTrue(seconds > 600 && seconds <= 3600, retryAfter);
  }
}
