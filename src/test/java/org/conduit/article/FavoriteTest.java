package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.support.Shapes;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FavoriteTest {

  @Test
  void favoriteAndUnfavoriteAreIdempotent() {
    Account author = TestUsers.register();
    Account fan = TestUsers.register();
    Account other = TestUsers.register();
    String slug = TestArticles.create(author);
    for (int i = 0; i < 2; i++) {
      Shapes.article(
          fan.auth()
              .post("/api/articles/{s}/favorite", slug)
              .then()
              .statusCode(200)
              .body("article.favorited", equalTo(true))
              .body("article.favoritesCount", equalTo(1))
              .extract()
              .jsonPath()
              .getMap("article"));
    }
    other
        .auth()
        .post("/api/articles/{s}/favorite", slug)
        .then()
        .body("article.favoritesCount", equalTo(2));
    fan.auth()
        .get("/api/articles/{s}", slug)
        .then()
        .body("article.favorited", equalTo(true))
        .body("article.favoritesCount", equalTo(2));
    author
        .auth()
        .get("/api/articles/{s}", slug)
        .then()
        .body("article.favorited", equalTo(false))
        .body("article.favoritesCount", equalTo(2));
    for (int i = 0; i < 2; i++) {
      fan.auth()
          .delete("/api/articles/{s}/favorite", slug)
          .then()
          .statusCode(200)
          .body("article.favorited", equalTo(false))
          .body("article.favoritesCount", equalTo(1));
    }
  }

  @Test
  void racingFavoritesNeverFail() throws Exception {
    Account fan = TestUsers.register();
    String slug = TestArticles.create(TestUsers.register());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () ->
                    fan.auth()
                        .post("/api/articles/{s}/favorite", slug)
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
    given().get("/api/articles/{s}", slug).then().body("article.favoritesCount", equalTo(1));
  }

  @Test
  void favoriteChecksAuthThenExistence() {
    String slug = TestArticles.create(TestUsers.register());
    given().post("/api/articles/{s}/favorite", slug).then().statusCode(401);
    given().delete("/api/articles/{s}/favorite", slug).then().statusCode(401);
    given().post("/api/articles/{s}/favorite", "missing-" + slug).then().statusCode(401);
    TestUsers.register()
        .auth()
        .delete("/api/articles/{s}/favorite", "missing-" + slug)
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
  }
}
