package org.conduit.admin;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.conduit.support.Commands;
import org.conduit.support.Commands.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code load-demo-data} fills an empty schema with the demo set, and a second run changes nothing.
 * The demo usernames are fixed, so this is the only test that loads them.
 */
@QuarkusTest
class LoadDemoDataTest {

  @Inject CommandLine.IFactory factory;
  @Inject EntityManager db;

  private Run loadDemoData() {
    return Commands.run(factory, "load-demo-data");
  }

  /** Rows of the demo set in each table, counted in SQL, keyed by table. */
  private Map<String, Long> counts() {
    List<String> emails = DemoDataSet.USERS.stream().map(DemoDataSet.DemoUser::email).toList();
    String demoUsers = "(SELECT id FROM users WHERE email IN (:emails))";
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Map.of(
                    "users", count("SELECT count(*) FROM users WHERE id IN " + demoUsers, emails),
                    "follows",
                        count(
                            "SELECT count(*) FROM follows WHERE follower_id IN "
                                + demoUsers
                                + " AND followed_id IN "
                                + demoUsers,
                            emails),
                    "articles",
                        count(
                            "SELECT count(*) FROM articles WHERE author_id IN " + demoUsers,
                            emails),
                    "favorites",
                        count(
                            "SELECT count(*) FROM favorites WHERE user_id IN " + demoUsers, emails),
                    "comments",
                        count(
                            "SELECT count(*) FROM comments WHERE author_id IN " + demoUsers,
                            emails),
                    "articleTags",
                        count(
                            "SELECT count(*) FROM article_tags t JOIN articles a ON a.id ="
                                + " t.article_id WHERE a.author_id IN "
                                + demoUsers,
                            emails)));
  }

  private long count(String sql, List<String> emails) {
    return ((Number) db.createNativeQuery(sql).setParameter("emails", emails).getSingleResult())
        .longValue();
  }

  @Test
  void loadsABelievableDataSetOnceAndChangesNothingTheSecondTime() {
    Run first = loadDemoData();
    assertEquals(0, first.exitCode(), first.err());
    assertTrue(
        first.out().contains("5 users, 8 follows, 8 articles, 18 favorites, 12 comments added"),
        first.out());
    Map<String, Long> expected =
        Map.of(
            "users", 5L,
            "follows", 8L,
            "articles", 8L,
            "favorites", 18L,
            "comments", 12L,
            "articleTags", 19L);
    assertEquals(expected, counts());

    Run second = loadDemoData();
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(second.out().contains("nothing to add"), second.out());
    assertEquals(expected, counts());

    // A frontend's first screens: a demo user logs in with the password docs/frontend.md gives and
    // sees a
    // profile with bio and image, a feed, tags, and articles with favorites and comments.
    String token =
        json(Map.of(
                "user",
                Map.of("email", "emil@demo.conduit.example", "password", DemoDataSet.PASSWORD)))
            .post("/api/users/login")
            .then()
            .statusCode(200)
            .body("user.username", equalTo("emil"))
            .extract()
            .path("user.token");
    given()
        .get("/api/profiles/amelia")
        .then()
        .statusCode(200)
        .body("profile.bio", equalTo(DemoDataSet.USERS.get(0).bio()))
        .body("profile.image", equalTo("https://api.dicebear.com/9.x/initials/svg?seed=amelia"));
    given()
        .header("Authorization", "Token " + token)
        .get("/api/articles/feed")
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(5));
    given()
        .get("/api/tags")
        .then()
        .statusCode(200)
        .body("tags", hasItems("postgresql", "frontend", "devops", "accessibility", "career"));
    String slug =
        given()
            .header("Authorization", "Token " + token)
            .get("/api/articles?author=amelia")
            .then()
            .statusCode(200)
            .body("articlesCount", equalTo(2))
            .body("articles[1].title", equalTo("Boring technology is a feature"))
            .body("articles[1].tagList", equalTo(List.of("architecture", "postgresql")))
            .body("articles[1].favoritesCount", equalTo(3))
            .body("articles[0].favorited", equalTo(true))
            .extract()
            .path("articles[1].slug");
    given()
        .get("/api/articles/{slug}/comments", slug)
        .then()
        .statusCode(200)
        .body("comments.size()", equalTo(3))
        .body("comments[0].author.username", equalTo("amelia"));
  }
}
