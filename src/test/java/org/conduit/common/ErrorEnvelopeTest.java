package org.conduit.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure is a JSON {@code errors} envelope with a 4xx status: never HTML, never a 500. */
@QuarkusTest
class ErrorEnvelopeTest {

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"user\":                                   | 422 | body",
        "{bad json}                                   | 422 | body",
        "''                                           | 422 | body",
        "null                                         | 422 | body",
        "[]                                           | 422 | body",
        "42                                           | 422 | body",
        "{}                                           | 422 | user",
        "{\"user\":null}                              | 422 | user",
        "{\"user\":\"jake\"}                          | 422 | user",
        "{\"user\":[]}                                | 422 | user",
        "{\"user\":{\"email\":5,\"username\":\"a\",\"password\":\"12345678\"}}        | 422 | email",
        "{\"user\":{\"email\":\"a@b.co\",\"username\":true,\"password\":\"12345678\"}} | 422 | username",
        "{\"user\":{\"email\":\"a@b.co\",\"username\":\"a\",\"password\":12345678}}    | 422 | password",
        "{\"user\":{\"email\":[\"a@b.co\"],\"username\":\"a\",\"password\":\"x\"}}   | 422 | email",
        "{\"user\":{\"email\":{},\"username\":\"a\",\"password\":\"x\"}}             | 422 | email",
        "{\"user\":{}} trailing                       | 422 | body",
      })
  void malformedRegistrationBodies(String body, int status, String key) {
    given()
        .contentType("application/json")
        .body(body.equals("''") ? "" : body)
        .post("/api/users")
        .then()
        .statusCode(status)
        .contentType(startsWith("application/json"))
        .body("errors." + key + ".size()", org.hamcrest.Matchers.greaterThan(0))
        .body(not(containsString("Exception")))
        .body(not(containsString("com.fasterxml")));
  }

  @Test
  void ourTypeMismatchMapperBeatsTheBuiltIn400() {
    given()
        .contentType("application/json")
        .body("{\"user\":{\"email\":5,\"username\":\"a\",\"password\":\"12345678\"}}")
        .post("/api/users/login")
        .then()
        .statusCode(422)
        .body("errors.email", contains("is invalid"));
  }

  @Test
  void deeplyNestedJsonIsRefusedCheaply() {
    // Inside an ignored field, so only the parser's depth limit can refuse it.
    String body = "{\"ignored\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    given()
        .contentType("application/json")
        .body(body)
        .post("/api/users")
        .then()
        .statusCode(422)
        .body("errors.body.size()", org.hamcrest.Matchers.greaterThan(0));
  }

  @Test
  void wrongContentTypeIs415() {
    given()
        .contentType("text/plain")
        .body("hello")
        .post("/api/users")
        .then()
        .statusCode(415)
        .body("errors.content-type", contains("must be application/json"));
    given()
        .contentType("application/x-www-form-urlencoded")
        .body("user=1")
        .post("/api/users/login")
        .then()
        .statusCode(415);
  }

  @Test
  void unknownPathIs404Envelope() {
    given()
        .accept("text/html")
        .get("/api/nothing-here")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/json"))
        .body("errors.path", contains("not found"));
    given().get("/nothing").then().statusCode(404).body("errors.path", contains("not found"));
  }

  @Test
  void wrongMethodIs405Envelope() {
    given()
        .delete("/api/user")
        .then()
        .statusCode(405)
        .contentType(startsWith("application/json"))
        .body("errors.method.size()", org.hamcrest.Matchers.is(1));
    given().get("/api/users").then().statusCode(405);
  }

  /** Content negotiation is part of routing, so it answers before authentication does. */
  @Test
  void aWrongContentTypeOnAProtectedEndpointIs415() {
    given()
        .contentType("text/plain")
        .body("x")
        .put("/api/user")
        .then()
        .statusCode(415)
        .body("errors.content-type", contains("must be application/json"));
  }

  @Test
  void aValidTokenWithAMalformedBodyGets422() {
    TestUsers.Account account = TestUsers.register();
    given()
        .header("Authorization", "Token " + account.token())
        .contentType("application/json")
        .body("{\"user\":")
        .put("/api/user")
        .then()
        .statusCode(422)
        .body("errors.body.size()", org.hamcrest.Matchers.is(1));
  }
}
