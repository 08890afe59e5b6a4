package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.Shapes;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleListTest {

  @Inject Administration admin;

  @Test
  void byAuthorNewestFirstWithoutBodies() {
    Account author = TestUsers.register();
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      slugs.add(TestArticles.create(author, "t" + i));
    }
    Collections.reverse(slugs);
    Shapes.articleList(
        given()
            .get("/api/articles?author={u}", author.username())
            .then()
            .statusCode(200)
            .body("articlesCount", equalTo(3))
            .body("articles.slug", contains(slugs.toArray()))
            .body("articles[0].author.username", equalTo(author.username()))
            .extract()
            .jsonPath()
            .getMap(""));
  }

  @Test
  void limitAndOffsetPageButCountEverything() {
    Account author = TestUsers.register();
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      slugs.add(TestArticles.create(author));
    }
    Collections.reverse(slugs);
    given()
        .get("/api/articles?author={u}&limit=2&offset=1", author.username())
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(5))
        .body("articles.slug", contains(slugs.get(1), slugs.get(2)));
    given()
        .get("/api/articles?author={u}&offset=10", author.username())
        .then()
        .body("articlesCount", equalTo(5))
        .body("articles", empty());
  }

  @Test
  void byTag() {
    Account author = TestUsers.register();
    String tag = TestUsers.unique("tag");
    String tagged = TestArticles.create(author, tag, "other");
    TestArticles.create(author, "other");
    given()
        .get("/api/articles?tag={t}", tag)
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(tagged))
        .body("articles[0].tagList", contains("other", tag));
    given()
        .get("/api/articles?tag={t}&author={u}", tag, TestUsers.unique("x"))
        .then()
        .body("articlesCount", equalTo(0));
  }

  @Test
  void byFavoriteAndTheCallersFlags() {
    Account author = TestUsers.register();
    Account fan = TestUsers.register();
    String liked = TestArticles.create(author);
    TestArticles.create(author);
    fan.auth().post("/api/articles/{s}/favorite", liked).then().statusCode(200);
    fan.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    fan.auth()
        .get("/api/articles?favorited={u}", fan.username())
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(liked))
        .body("articles[0].favorited", equalTo(true))
        .body("articles[0].favoritesCount", equalTo(1))
        .body("articles[0].author.following", equalTo(true));
    given()
        .get("/api/articles?favorited={u}", fan.username())
        .then()
        .body("articles[0].favorited", equalTo(false))
        .body("articles[0].favoritesCount", equalTo(1))
        .body("articles[0].author.following", equalTo(false));
  }

  @Test
  void deactivatedAuthorsAndFansDisappearFromLists() {
    Account author = TestUsers.register();
    String tag = TestUsers.unique("tag");
    TestArticles.create(author, tag);
    Account fan = TestUsers.register();
    String liked = TestArticles.create(TestUsers.register());
    fan.auth().post("/api/articles/{s}/favorite", liked).then().statusCode(200);
    admin.setActive(Actor.commandLine(), author.username(), false, null);
    admin.setActive(Actor.commandLine(), fan.username(), false, null);
    given()
        .get("/api/articles?author={u}", author.username())
        .then()
        .body("articlesCount", equalTo(0));
    given().get("/api/articles?tag={t}", tag).then().body("articlesCount", equalTo(0));
    given()
        .get("/api/articles?favorited={u}", fan.username())
        .then()
        .body("articlesCount", equalTo(0));
  }

  @Test
  void filtersCombineAndCountTogether() {
    Account author = TestUsers.register();
    Account other = TestUsers.register();
    Account fan = TestUsers.register();
    String tag = TestUsers.unique("tag");
    String tagged1 = TestArticles.create(author, tag);
    TestArticles.create(author);
    String tagged2 = TestArticles.create(author, tag, "other");
    String othersTagged = TestArticles.create(other, tag);
    for (String slug : List.of(tagged1, tagged2, othersTagged)) {
      fan.auth().post("/api/articles/{s}/favorite", slug).then().statusCode(200);
    }
    given()
        .get("/api/articles?tag={t}&author={u}", tag, author.username())
        .then()
        .body("articlesCount", equalTo(2))
        .body("articles.slug", contains(tagged2, tagged1));
    given()
        .get("/api/articles?tag={t}&author={u}&limit=1&offset=1", tag, author.username())
        .then()
        .body("articlesCount", equalTo(2))
        .body("articles.slug", contains(tagged1));
    given()
        .get("/api/articles?favorited={f}&author={u}", fan.username(), other.username())
        .then()
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(othersTagged));
    given()
        .get("/api/articles?favorited={f}&tag=other", fan.username())
        .then()
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(tagged2));
    given()
        .get(
            "/api/articles?favorited={f}&author={u}&tag={t}",
            fan.username(),
            author.username(),
            tag)
        .then()
        .body("articlesCount", equalTo(2))
        .body("articles.slug", contains(tagged2, tagged1));
    // The author deactivated: every combination that names them or shows their articles is empty.
    admin.setActive(Actor.commandLine(), author.username(), false, null);
    given()
        .get("/api/articles?favorited={f}&tag={t}", fan.username(), tag)
        .then()
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(othersTagged));
    given()
        .get("/api/articles?tag={t}&author={u}", tag, author.username())
        .then()
        .body("articlesCount", equalTo(0))
        .body("articles", empty());
  }

  @Test
  void aReactivatedAuthorsArticlesAreListedAgain() {
    Account author = TestUsers.register();
    Account fan = TestUsers.register();
    String tag = TestUsers.unique("tag");
    String slug = TestArticles.create(author, tag);
    fan.auth().post("/api/articles/{s}/favorite", slug).then().statusCode(200);
    admin.setActive(Actor.commandLine(), author.username(), false, null);
    given().get("/api/tags").then().body("tags", org.hamcrest.Matchers.not(hasItem(tag)));
    admin.setActive(Actor.commandLine(), author.username(), true, null);
    given().get("/api/tags").then().body("tags", hasItem(tag));
    given()
        .get("/api/articles?tag={t}", tag)
        .then()
        .body("articlesCount", equalTo(1))
        .body("articles.slug", contains(slug));
    given()
        .get("/api/articles?favorited={f}", fan.username())
        .then()
        .body("articlesCount", equalTo(1))
        .body("articles[0].favoritesCount", equalTo(1));
  }

  @Test
  void feedShowsFollowedAuthorsOnly() {
    Account reader = TestUsers.register();
    Account followed = TestUsers.register();
    Account stranger = TestUsers.register();
    String first = TestArticles.create(followed);
    TestArticles.create(stranger);
    String second = TestArticles.create(followed);
    reader.auth().post("/api/profiles/{u}/follow", followed.username()).then().statusCode(200);
    Shapes.articleList(
        reader
            .auth()
            .get("/api/articles/feed")
            .then()
            .statusCode(200)
            .body("articlesCount", equalTo(2))
            .body("articles.slug", contains(second, first))
            .body("articles[0].author.following", equalTo(true))
            .extract()
            .jsonPath()
            .getMap(""));
    reader
        .auth()
        .get("/api/articles/feed?limit=1&offset=1")
        .then()
        .body("articlesCount", equalTo(2))
        .body("articles.slug", contains(first));
    // Past the end: no page, and the count still says how many there are.
    reader
        .auth()
        .get("/api/articles/feed?offset=2")
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(2))
        .body("articles", empty());
    TestUsers.register()
        .auth()
        .get("/api/articles/feed")
        .then()
        .statusCode(200)
        .body("articlesCount", equalTo(0))
        .body("articles", empty());
  }

  @Test
  void feedNeedsAToken() {
    given()
        .get("/api/articles/feed")
        .then()
        .statusCode(401)
        .body("errors.token[0]", equalTo("is missing"));
  }

  @Test
  void badPagingIs422() {
    for (String query :
        List.of(
            "limit=abc",
            "limit=-1",
            "limit=0",
            "limit=101",
            "limit=1.5",
            "limit=+5",
            "limit=99999999999999999999")) {
      given()
          .get("/api/articles?" + query)
          .then()
          .statusCode(422)
          .body("errors.limit[0]", equalTo("is invalid"));
    }
    for (String query : List.of("offset=x", "offset=-3", "offset=3000000000")) {
      given()
          .get("/api/articles?" + query)
          .then()
          .statusCode(422)
          .body("errors.offset[0]", equalTo("is invalid"));
    }
    Shapes.errors(
        given()
            .get("/api/articles?limit=x&offset=y")
            .then()
            .statusCode(422)
            .body("errors.limit[0]", equalTo("is invalid"))
            .body("errors.offset[0]", equalTo("is invalid"))
            .extract()
            .jsonPath()
            .getMap(""));
    TestUsers.register()
        .auth()
        .get("/api/articles/feed?limit=0")
        .then()
        .statusCode(422)
        .body("errors.limit[0]", equalTo("is invalid"));
  }

  @Test
  void limitDefaultsTo20AndGoesUpTo100() {
    given()
        .get("/api/articles")
        .then()
        .statusCode(200)
        .body("articles.size()", org.hamcrest.Matchers.lessThanOrEqualTo(20));
    given().get("/api/articles?limit=100&offset=0").then().statusCode(200);
    given().get("/api/articles?limit=&offset=").then().statusCode(200);
    Account author = TestUsers.register();
    for (int i = 0; i < 21; i++) {
      TestArticles.create(author);
    }
    given()
        .get("/api/articles?author={u}", author.username())
        .then()
        .body("articlesCount", equalTo(21))
        .body("articles", hasSize(20));
  }
}
