package org.conduit.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.conduit.support.CapturedLog;
import org.conduit.support.Json;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * With the database cut off, readiness is DOWN (503) while liveness stays UP, and API requests get
 * a 503 envelope with Retry-After; once it is back, both recover without a restart. The log says
 * once that the database went away and once that it is back, however many requests failed.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Outage.class)
@WithTestResource(DatabaseOutageResource.class)
class DatabaseOutageTest {

  /** Its own profile, so that only this class runs behind the proxy. */
  public static class Outage implements QuarkusTestProfile {}

  @Test
  void readinessFollowsTheDatabaseAndRequestsGet503Meanwhile() throws Exception {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    TestUsers.Account account = TestUsers.register();

    CapturedLog log = CapturedLog.start();
    DatabaseOutageResource.proxy.cut();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(503)
                      .body("status", equalTo("DOWN")));
      given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
      account
          .auth()
          .get("/api/user")
          .then()
          .statusCode(503)
          .header("Retry-After", notNullValue())
          .body("errors.database[0]", notNullValue());
      Json.json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
          .post("/api/users/login")
          .then()
          .statusCode(503);
      for (int i = 0; i < 5; i++) {
        given().get("/api/articles?author=" + account.username()).then().statusCode(503);
      }
    } finally {
      DatabaseOutageResource.proxy.restore();
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    account.auth().get("/api/user").then().statusCode(200);
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> log.text().contains("Database available again"));
      String text = log.text();
      assertEquals(1, occurrences(text, "Database unavailable"), text);
      assertEquals(1, occurrences(text, "Database available again"), text);
      assertTrue(text.contains("7 requests were answered 503 meanwhile"), text);
      // What the alerts read (docker/prometheus): the 503s counted, the listener back.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/metrics")
                      .then()
                      .body(containsString("conduit_database_unavailable_total 7.0"))
                      .body(containsString("conduit_database_changes_listening 1.0")));
      assertFalse(text.contains("\tat "), "no stack trace:\n" + text);
    } finally {
      log.stop();
    }
  }

  private static int occurrences(String text, String line) {
    return text.split(java.util.regex.Pattern.quote(line), -1).length - 1;
  }
}
