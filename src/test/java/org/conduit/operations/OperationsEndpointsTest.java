package org.conduit.operations;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/** Health, metrics and API documentation, as an operator and a client developer see them. */
@QuarkusTest
class OperationsEndpointsTest {

  @Test
  void livenessIsTheProcessAlone() {
    given()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", org.hamcrest.Matchers.not(hasItem(containsString("Database"))));
  }

  @Test
  void readinessIncludesTheDatabase() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Database connections health check"));
  }

  private static double metric(String name) {
    String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void countsRegistrationsLoginsAndFailedLogins() {
    double registrations = metric("conduit_registrations_total");
    double logins = metric("conduit_logins_total");
    double failed = metric("conduit_logins_failed_total");
    TestUsers.Account account = TestUsers.register();
    json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(200);
    json(Map.of("user", Map.of("email", account.email(), "password", "wrong password")))
        .post("/api/users/login")
        .then()
        .statusCode(401);
    // Other tests may run in parallel in the same JVM one day: only require the increments.
    assertTrue(metric("conduit_registrations_total") >= registrations + 1);
    assertTrue(metric("conduit_logins_total") >= logins + 1);
    assertTrue(metric("conduit_logins_failed_total") >= failed + 1);
  }

  @Test
  void timesHttpRequestsPerEndpointTemplate() {
    TestUsers.Account account = TestUsers.register();
    account.auth().get("/api/user").then().statusCode(200);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds_count{"))
        .body(containsString("uri=\"/api/user\""))
        .body(containsString("uri=\"/api/users\""));
  }

  @Test
  void documentsEveryEndpointWithEnvelopesStatusesAndTheTokenScheme() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("components.securitySchemes.Token.type", equalTo("apiKey"))
        .body("components.securitySchemes.Token.in", equalTo("header"))
        .body("components.securitySchemes.Token.name", equalTo("Authorization"))
        .body("components.schemas.ErrorResponse.required", hasItem("errors"))
        .body(
            "paths.'/api/users'.post.responses.'201'.content.'application/json'.schema.'$ref'",
            equalTo("#/components/schemas/UserResponse"))
        .body(
            "paths.'/api/users'.post.responses.'409'.content.'application/json'.schema.'$ref'",
            equalTo("#/components/schemas/ErrorResponse"))
        .body(
            "paths.'/api/users'.post.responses.'422'.description",
            org.hamcrest.Matchers.notNullValue())
        .body(
            "paths.'/api/users/login'.post.responses.'401'.description",
            org.hamcrest.Matchers.notNullValue())
        .body("paths.'/api/user'.get.security[0]", org.hamcrest.Matchers.hasKey("Token"))
        .body("paths.'/api/user'.put.security[0]", org.hamcrest.Matchers.hasKey("Token"))
        .body(
            "paths.'/api/user'.put.responses.'422'.description",
            org.hamcrest.Matchers.notNullValue())
        .body("paths.'/api/users'.post.security", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void documentsTheStatusesOfEveryArticleProfileCommentAndTagEndpoint() {
    io.restassured.response.ValidatableResponse doc =
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
    String[][] expected = {
      {"/api/articles", "get", "200", "422"},
      {"/api/articles", "post", "201", "401", "422"},
      {"/api/articles/feed", "get", "200", "401", "422"},
      {"/api/articles/{slug}", "get", "200", "404"},
      {"/api/articles/{slug}", "put", "200", "401", "403", "404", "422"},
      {"/api/articles/{slug}", "delete", "204", "401", "403", "404"},
      {"/api/articles/{slug}/favorite", "post", "200", "401", "404"},
      {"/api/articles/{slug}/favorite", "delete", "200", "401", "404"},
      {"/api/articles/{slug}/comments", "get", "200", "404"},
      {"/api/articles/{slug}/comments", "post", "201", "401", "404", "422"},
      {"/api/articles/{slug}/comments/{id}", "delete", "204", "401", "403", "404"},
      {"/api/profiles/{username}", "get", "200", "404"},
      {"/api/profiles/{username}/follow", "post", "200", "401", "404"},
      {"/api/profiles/{username}/follow", "delete", "200", "401", "404"},
      {"/api/tags", "get", "200"},
    };
    for (String[] row : expected) {
      String operation = "paths.'" + row[0] + "'." + row[1];
      for (int i = 2; i < row.length; i++) {
        doc.body(
            operation + ".responses.'" + row[i] + "'.description",
            org.hamcrest.Matchers.notNullValue());
        if (row[i].startsWith("4")) {
          doc.body(
              operation + ".responses.'" + row[i] + "'.content.'application/json'.schema.'$ref'",
              equalTo("#/components/schemas/ErrorResponse"));
        }
      }
    }
    doc.body(
        "paths.'/api/articles'.post.responses.'201'.content.'application/json'.schema.'$ref'",
        equalTo("#/components/schemas/ArticleResponse"));
    doc.body("paths.'/api/articles/feed'.get.security[0]", org.hamcrest.Matchers.hasKey("Token"));
  }

  @Test
  void servesSwaggerUi() {
    given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
  }
}
