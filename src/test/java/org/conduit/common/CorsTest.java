package org.conduit.common;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Browser frontends on the usual dev-server origins (the test profile allows the same ones as dev
 * mode) can call the API with a token and JSON bodies and read every answer, errors included; other
 * origins get no CORS headers.
 */
@QuarkusTest
class CorsTest {

  private static final String FRONTEND = "http://localhost:5173";

  private static ValidatableResponse preflight(String origin, String method, String path) {
    return given()
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .options(path)
        .then();
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "GET"})
  void aPreflightFromADevServerAllowsTokensAndJsonBodies(String method) {
    preflight(FRONTEND, method, "/api/user")
        .statusCode(200)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .header("Access-Control-Allow-Methods", containsString(method))
        .header("Access-Control-Allow-Headers", containsString("Authorization"))
        .header("Access-Control-Allow-Headers", containsString("Content-Type"))
        .header("Access-Control-Max-Age", "86400");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://localhost:4200",
        "http://127.0.0.1:4200",
        "http://localhost:5000",
        "http://127.0.0.1:5000",
        "http://localhost:5173",
        "http://127.0.0.1:5173",
        "http://localhost:8000",
        "http://127.0.0.1:8000",
        "http://localhost:8081",
        "http://127.0.0.1:8081"
      })
  void everyDevServerOriginCanReadTheCurrentUser(String origin) {
    TestUsers.Account account = TestUsers.register();
    account
        .auth()
        .header("Origin", origin)
        .get("/api/user")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", origin)
        .body("user.username", equalTo(account.username()));
  }

  @Test
  void aJsonBodyFromADevServerIsAccepted() {
    TestUsers.Account account = TestUsers.register();
    json(account.auth().header("Origin", FRONTEND), Map.of("user", Map.of("bio", "from a browser")))
        .put("/api/user")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .body("user.bio", equalTo("from a browser"));
  }

  @Test
  void errorEnvelopesCarryTheCorsHeadersSoThatTheFrontendCanReadThem() {
    given()
        .header("Origin", FRONTEND)
        .get("/api/user")
        .then()
        .statusCode(401)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .header("Access-Control-Expose-Headers", containsString("WWW-Authenticate"))
        .body("errors.token[0]", equalTo("is missing"));
    json(given().header("Origin", FRONTEND), Map.of("user", Map.of("email", "not-an-email")))
        .post("/api/users")
        .then()
        .statusCode(422)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .body("errors.email[0]", equalTo("is invalid"));
    given()
        .header("Origin", FRONTEND)
        .header("Authorization", "Token not.a.jwt")
        .get("/api/user")
        .then()
        .statusCode(401)
        .header("Access-Control-Allow-Origin", FRONTEND);
    given()
        .header("Origin", FRONTEND)
        .contentType("application/json")
        .body("{\"user\":{\"bio\":\"" + "x".repeat(70 * 1024) + "\"}}")
        .post("/api/users")
        .then()
        .statusCode(413)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .body("errors.body[0]", equalTo("is too large"));
    given()
        .header("Origin", FRONTEND)
        .get("/api/no-such-thing")
        .then()
        .statusCode(404)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .body("errors.path[0]", equalTo("not found"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example",
        "http://localhost:9999",
        "https://localhost:5173",
        "http://localhost:5173.evil.example",
        "null"
      })
  void otherOriginsGetNoCorsHeadersAndNoServerError(String origin) {
    TestUsers.Account account = TestUsers.register();
    account
        .auth()
        .header("Origin", origin)
        .get("/api/user")
        .then()
        .statusCode(lessThan(500))
        .header("Access-Control-Allow-Origin", nullValue());
    preflight(origin, "POST", "/api/users")
        .statusCode(lessThan(500))
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void requestsWithoutAnOriginAreUnaffected() {
    TestUsers.Account account = TestUsers.register();
    account
        .auth()
        .get("/api/user")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", nullValue())
        .body("user.username", equalTo(account.username()));
  }
}
