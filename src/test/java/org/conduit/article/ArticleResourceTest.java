package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.Shapes;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ArticleResourceTest {

  @Inject Administration admin;

  @Test
  void createReturns201WithTheWholeArticle() {
    Account author = TestUsers.register();
    String title = TestUsers.unique("How to train your dragon ");
    JsonPath json =
        author
            .auth()
            .contentType(ContentType.JSON)
            .body(TestArticles.body(title, List.of("dragons", "Angular", "training")))
            .post("/api/articles")
            .then()
            .statusCode(201)
            .body("article.title", equalTo(title))
            .body("article.slug", equalTo(Slugs.base(title)))
            .body("article.description", equalTo("About " + title))
            .body("article.body", equalTo("The body of " + title))
            .body("article.tagList", contains("Angular", "dragons", "training"))
            .body("article.favorited", equalTo(false))
            .body("article.favoritesCount", equalTo(0))
            .body("article.author.username", equalTo(author.username()))
            .body("article.author.following", equalTo(false))
            .extract()
            .jsonPath();
    Shapes.article(json.getMap("article"));
    assertEquals(json.getString("article.createdAt"), json.getString("article.updatedAt"));
  }

  @Test
  void withoutTagListTheTagsAreEmpty() {
    Account author = TestUsers.register();
    Map<String, Object> article =
        Map.of("title", TestUsers.unique("No tags "), "description", "d", "body", "b");
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(Map.of("article", article))
        .post("/api/articles")
        .then()
        .statusCode(201)
        .body("article.tagList", emptyIterable());
  }

  @Test
  void tagsAreTrimmedAndDeduplicated() {
    Account author = TestUsers.register();
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(TestArticles.body(TestUsers.unique("Tags "), List.of(" b ", "a", "b")))
        .post("/api/articles")
        .then()
        .statusCode(201)
        .body("article.tagList", contains("a", "b"));
  }

  @Test
  void readIsPublicAndShowsTheCallersView() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author, "x");
    Shapes.article(
        given()
            .get("/api/articles/{slug}", slug)
            .then()
            .statusCode(200)
            .body("article.slug", equalTo(slug))
            .extract()
            .jsonPath()
            .getMap("article"));
    Account fan = TestUsers.register();
    fan.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    fan.auth()
        .get("/api/articles/{slug}", slug)
        .then()
        .body("article.author.following", equalTo(true));
  }

  @Test
  void unknownSlugIs404() {
    Shapes.errors(
        given()
            .get("/api/articles/{slug}", "no-such-article-" + TestUsers.unique(""))
            .then()
            .statusCode(404)
            .body("errors.article[0]", equalTo("not found"))
            .extract()
            .jsonPath()
            .getMap(""));
  }

  @Test
  void duplicateTitlesGetDistinctReadableSlugs() {
    Account author = TestUsers.register();
    String title = TestUsers.unique("Same title ");
    String first = TestArticles.createTitled(author, title);
    String second = TestArticles.createTitled(author, title);
    String third = TestArticles.createTitled(TestUsers.register(), title);
    assertEquals(Slugs.base(title), first);
    assertTrue(second.startsWith(first + "-"), second);
    assertNotEquals(second, third);
    for (String slug : List.of(first, second, third)) {
      assertTrue(slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), slug);
    }
  }

  @Test
  void slugsAreAsciiEvenForOtherScripts() {
    Account author = TestUsers.register();
    String accented =
        TestArticles.createTitled(author, "Ça va, Zoë? Straße " + TestUsers.unique(""));
    assertTrue(accented.startsWith("ca-va-zoe-strasse-"), accented);
    String cyrillic = TestArticles.createTitled(author, "Привет, мир");
    String chinese = TestArticles.createTitled(author, "你好世界");
    for (String slug : List.of(cyrillic, chinese)) {
      assertTrue(slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), slug);
      given().get("/api/articles/{slug}", slug).then().statusCode(200);
    }
    assertNotEquals(cyrillic, chinese);
  }

  @Test
  void feedIsNotASlug() {
    Account author = TestUsers.register();
    String slug = TestArticles.createTitled(author, "Feed");
    assertTrue(slug.startsWith("feed-"), slug);
    given().get("/api/articles/{slug}", slug).then().statusCode(200);
  }

  @Test
  void updateChangesFieldsButNotTheSlugOrCreatedAt() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author, "old");
    // No pause: updatedAt moves on even within the millisecond of the creation.
    JsonPath before = given().get("/api/articles/{slug}", slug).jsonPath();
    String newTitle = TestUsers.unique("A new title ");
    JsonPath after =
        author
            .auth()
            .contentType(ContentType.JSON)
            .body(Map.of("article", Map.of("title", newTitle, "body", "new body")))
            .put("/api/articles/{slug}", slug)
            .then()
            .statusCode(200)
            .body("article.slug", equalTo(slug))
            .body("article.title", equalTo(newTitle))
            .body("article.body", equalTo("new body"))
            .body("article.description", equalTo(before.getString("article.description")))
            .body("article.tagList", contains("old"))
            .extract()
            .jsonPath();
    Shapes.article(after.getMap("article"));
    assertEquals(before.getString("article.createdAt"), after.getString("article.createdAt"));
    assertTrue(
        Instant.parse(after.getString("article.updatedAt"))
            .isAfter(Instant.parse(before.getString("article.updatedAt"))));
    given().get("/api/articles/{slug}", slug).then().body("article.title", equalTo(newTitle));
  }

  @Test
  void unknownOrServerOwnedFieldsAreIgnored() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author);
    Map<String, Object> changes = new HashMap<>();
    changes.put("slug", "hijacked-" + slug);
    changes.put("favoritesCount", 99);
    changes.put("createdAt", "2000-01-01T00:00:00.000Z");
    changes.put("author", Map.of("username", "someone-else"));
    update(author, slug, changes)
        .statusCode(200)
        .body("article.slug", equalTo(slug))
        .body("article.favoritesCount", equalTo(0))
        .body("article.createdAt", not(equalTo("2000-01-01T00:00:00.000Z")))
        .body("article.author.username", equalTo(author.username()));
  }

  @Test
  void updateTagListReplacesClearsOrKeeps() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author, "one", "two");
    update(author, slug, Map.of("tagList", List.of("zeta", "alpha")))
        .statusCode(200)
        .body("article.tagList", contains("alpha", "zeta"));
    update(author, slug, Map.of("description", "tags kept"))
        .statusCode(200)
        .body("article.tagList", contains("alpha", "zeta"));
    update(author, slug, Map.of("tagList", List.of()))
        .statusCode(200)
        .body("article.tagList", emptyIterable());
  }

  @Test
  void updateWithNullsIs422() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author, "kept");
    Map<String, Object> nullTags = new HashMap<>();
    nullTags.put("tagList", null);
    update(author, slug, nullTags)
        .statusCode(422)
        .body("errors.tagList[0]", equalTo("can't be blank"));
    Map<String, Object> nullTitle = new HashMap<>();
    nullTitle.put("title", null);
    update(author, slug, nullTitle)
        .statusCode(422)
        .body("errors.title[0]", equalTo("can't be blank"));
    update(author, slug, Map.of("body", " "))
        .statusCode(422)
        .body("errors.body[0]", equalTo("can't be blank"));
    given().get("/api/articles/{slug}", slug).then().body("article.tagList", contains("kept"));
  }

  @Test
  void updateChecksAuthThenExistenceThenOwnershipThenBody() {
    Account author = TestUsers.register();
    Account other = TestUsers.register();
    String slug = TestArticles.create(author);
    Map<String, Object> invalid = Map.of("article", Map.of("title", ""));
    given()
        .contentType(ContentType.JSON)
        .body(invalid)
        .put("/api/articles/{slug}", slug)
        .then()
        .statusCode(401);
    other
        .auth()
        .contentType(ContentType.JSON)
        .body(invalid)
        .put("/api/articles/{slug}", "missing-" + slug)
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
    other
        .auth()
        .contentType(ContentType.JSON)
        .body(invalid)
        .put("/api/articles/{slug}", slug)
        .then()
        .statusCode(403)
        .body("errors.article[0]", equalTo("forbidden"));
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(invalid)
        .put("/api/articles/{slug}", slug)
        .then()
        .statusCode(422)
        .body("errors.title[0]", equalTo("can't be blank"));
    author
        .auth()
        .contentType(ContentType.JSON)
        .body("{}")
        .put("/api/articles/{slug}", slug)
        .then()
        .statusCode(422)
        .body("errors.article[0]", equalTo("can't be blank"));
    author
        .auth()
        .contentType(ContentType.JSON)
        .body("")
        .put("/api/articles/{slug}", slug)
        .then()
        .statusCode(422);
  }

  @Test
  void createValidatesTheBody() {
    Account author = TestUsers.register();
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(Map.of("article", Map.of("title", " ", "body", "b")))
        .post("/api/articles")
        .then()
        .statusCode(422)
        .body("errors.title[0]", equalTo("can't be blank"))
        .body("errors.description[0]", equalTo("can't be blank"));
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(TestArticles.body(TestUsers.unique("Blank tag "), List.of("ok", " ")))
        .post("/api/articles")
        .then()
        .statusCode(422)
        .body("errors.tagList[0]", equalTo("can't be blank"));
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i <= ArticleLimits.TAGS; i++) {
      tooMany.add("t" + i);
    }
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(TestArticles.body(TestUsers.unique("Many tags "), tooMany))
        .post("/api/articles")
        .then()
        .statusCode(422)
        .body("errors.tagList[0]", startsWith("is too long"));
    author
        .auth()
        .contentType(ContentType.JSON)
        .body("{\"article\":")
        .post("/api/articles")
        .then()
        .statusCode(422);
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("article", Map.of()))
        .post("/api/articles")
        .then()
        .statusCode(401)
        .body("errors.token[0]", equalTo("is missing"));
  }

  @Test
  void deleteIsForTheAuthorOnly() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author);
    given().delete("/api/articles/{slug}", slug).then().statusCode(401);
    TestUsers.register()
        .auth()
        .delete("/api/articles/{slug}", slug)
        .then()
        .statusCode(403)
        .body("errors.article[0]", equalTo("forbidden"));
    author.auth().delete("/api/articles/{slug}", slug).then().statusCode(204).body(equalTo(""));
    given().get("/api/articles/{slug}", slug).then().statusCode(404);
    author
        .auth()
        .delete("/api/articles/{slug}", slug)
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
  }

  @Test
  void deleteTakesCommentsAndFavoritesWithIt() {
    Account author = TestUsers.register();
    Account fan = TestUsers.register();
    String slug = TestArticles.create(author, "gone");
    fan.auth().post("/api/articles/{slug}/favorite", slug).then().statusCode(200);
    fan.auth()
        .contentType(ContentType.JSON)
        .body(Map.of("comment", Map.of("body", "nice")))
        .post("/api/articles/{slug}/comments", slug)
        .then()
        .statusCode(201);
    author.auth().delete("/api/articles/{slug}", slug).then().statusCode(204);
    given()
        .get("/api/articles?favorited={u}", fan.username())
        .then()
        .body("articlesCount", equalTo(0));
  }

  @Test
  void articlesOfDeactivatedAuthorsAreNotServed() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author);
    admin.setActive(Actor.commandLine(), author.username(), false, null);
    given().get("/api/articles/{slug}", slug).then().statusCode(404);
    TestUsers.register()
        .auth()
        .post("/api/articles/{slug}/favorite", slug)
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
    admin.setActive(Actor.commandLine(), author.username(), true, null);
    given().get("/api/articles/{slug}", slug).then().statusCode(200);
  }

  @Test
  void timestampsAlwaysHaveThreeFractionDigits() {
    Account author = TestUsers.register();
    String slug = TestArticles.create(author);
    Instant whole = Instant.parse("2020-01-02T03:04:05Z");
    QuarkusTransaction.requiringNew()
        .run(() -> Article.update("createdAt = ?1, updatedAt = ?1 where slug = ?2", whole, slug));
    given()
        .get("/api/articles/{slug}", slug)
        .then()
        .body("article.createdAt", equalTo("2020-01-02T03:04:05.000Z"))
        .body("article.updatedAt", matchesPattern(Shapes.TIMESTAMP))
        .body("article.updatedAt", not(equalTo("2020-01-02T03:04:05Z")));
  }

  @Test
  void hugeOrOddSlugsAre404() {
    given().get("/api/articles/{slug}", "x".repeat(3000)).then().statusCode(404);
    given().get("/api/articles/{slug}", "%00%27;drop").then().statusCode(404);
  }

  private static io.restassured.response.ValidatableResponse update(
      Account author, String slug, Map<String, Object> changes) {
    return author
        .auth()
        .contentType(ContentType.JSON)
        .body(Map.of("article", changes))
        .put("/api/articles/{slug}", slug)
        .then();
  }
}
