package org.conduit.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.Shapes;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileResourceTest {

  @Inject Administration admin;

  @Test
  void anonymousSeesAProfileNotFollowed() {
    Account celeb = TestUsers.register();
    Shapes.profile(
        given()
            .get("/api/profiles/{u}", celeb.username())
            .then()
            .statusCode(200)
            .body("profile.username", equalTo(celeb.username()))
            .body("profile.bio", nullValue())
            .body("profile.image", nullValue())
            .body("profile.following", equalTo(false))
            .extract()
            .jsonPath()
            .getMap("profile"));
  }

  @Test
  void followAndUnfollowAreIdempotentAndShowInTheProfile() {
    Account fan = TestUsers.register();
    Account celeb = TestUsers.register();
    for (int i = 0; i < 2; i++) {
      fan.auth()
          .post("/api/profiles/{u}/follow", celeb.username())
          .then()
          .statusCode(200)
          .body("profile.username", equalTo(celeb.username()))
          .body("profile.following", equalTo(true));
    }
    fan.auth()
        .get("/api/profiles/{u}", celeb.username())
        .then()
        .statusCode(200)
        .body("profile.following", equalTo(true));
    // Someone else's view is their own.
    TestUsers.register()
        .auth()
        .get("/api/profiles/{u}", celeb.username())
        .then()
        .body("profile.following", equalTo(false));
    for (int i = 0; i < 2; i++) {
      fan.auth()
          .delete("/api/profiles/{u}/follow", celeb.username())
          .then()
          .statusCode(200)
          .body("profile.following", equalTo(false));
    }
    fan.auth()
        .get("/api/profiles/{u}", celeb.username())
        .then()
        .body("profile.following", equalTo(false));
  }

  @Test
  void racingFollowsNeverFail() throws Exception {
    Account fan = TestUsers.register();
    Account celeb = TestUsers.register();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () ->
                    fan.auth()
                        .post("/api/profiles/{u}/follow", celeb.username())
                        .then()
                        .extract()
                        .statusCode()));
      }
      for (Future<Integer> result : results) {
        assertEquals(200, result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void usernameLookupIgnoresCase() {
    Account celeb = TestUsers.register(TestUsers.unique("MixedCase"));
    given()
        .get("/api/profiles/{u}", celeb.username().toLowerCase())
        .then()
        .statusCode(200)
        .body("profile.username", equalTo(celeb.username()));
  }

  @Test
  void unknownProfileIs404() {
    given()
        .get("/api/profiles/{u}", TestUsers.unique("nobody"))
        .then()
        .statusCode(404)
        .body("errors.profile[0]", equalTo("not found"));
    TestUsers.register()
        .auth()
        .post("/api/profiles/{u}/follow", TestUsers.unique("nobody"))
        .then()
        .statusCode(404)
        .body("errors.profile[0]", equalTo("not found"));
  }

  @Test
  void followNeedsAToken() {
    Account celeb = TestUsers.register();
    given()
        .post("/api/profiles/{u}/follow", celeb.username())
        .then()
        .statusCode(401)
        .body("errors.token[0]", equalTo("is missing"));
    given().delete("/api/profiles/{u}/follow", celeb.username()).then().statusCode(401);
    // 401 before 404.
    given().post("/api/profiles/{u}/follow", TestUsers.unique("nobody")).then().statusCode(401);
  }

  @Test
  void badTokenOnAnOptionalEndpointIs401() {
    Account celeb = TestUsers.register();
    given()
        .header("Authorization", "Token not-a-jwt")
        .get("/api/profiles/{u}", celeb.username())
        .then()
        .statusCode(401);
  }

  @Test
  void deactivatedUsersHaveNoProfile() {
    Account gone = TestUsers.register();
    admin.setActive(Actor.commandLine(), gone.username(), false, null);
    given().get("/api/profiles/{u}", gone.username()).then().statusCode(404);
    TestUsers.register()
        .auth()
        .post("/api/profiles/{u}/follow", gone.username())
        .then()
        .statusCode(404)
        .body("errors.profile[0]", equalTo("not found"));
  }
}
