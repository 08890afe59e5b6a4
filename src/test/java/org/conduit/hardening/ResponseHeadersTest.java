package org.conduit.hardening;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/** Replies holding a token are never cached, and no reply is content-sniffed. */
@QuarkusTest
class ResponseHeadersTest {

  private static void hardened(ValidatableResponse response) {
    response.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
  }

  @Test
  void everyReplyThatHoldsATokenIsNoStore() {
    String name = TestUsers.unique("hdr");
    hardened(
        json(Map.of(
                "user",
                Map.of("email", name + "@example.com", "username", name, "password", "password1")))
            .post("/api/users")
            .then()
            .statusCode(201));
    hardened(
        json(Map.of("user", Map.of("email", name + "@example.com", "password", "password1")))
            .post("/api/users/login")
            .then()
            .statusCode(200));
    TestUsers.Account account = TestUsers.register();
    hardened(account.auth().get("/api/user").then().statusCode(200));
    hardened(
        json(account.auth(), Map.of("user", Map.of("bio", "x")))
            .put("/api/user")
            .then()
            .statusCode(200));
  }

  @Test
  void errorsAndUnknownPathsAreHardenedToo() {
    hardened(given().get("/api/user").then().statusCode(401));
    hardened(given().get("/nothing/here").then().statusCode(404));
    hardened(given().delete("/api/user").then().statusCode(405));
    hardened(json("{").post("/api/users").then().statusCode(422));
  }
}
