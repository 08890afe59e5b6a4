package org.conduit.comment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.Shapes;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CommentResourceTest {

  @Inject Administration admin;

  @Test
  void addAndListNewestFirst() {
    Account author = TestUsers.register();
    Account reader = TestUsers.register();
    String slug = TestArticles.create(author);
    JsonPath first = add(reader, slug, "first").statusCode(201).extract().jsonPath();
    Shapes.comment(first.getMap("comment"));
    first.getString("comment.body").equals("first");
    int second =
        add(author, slug, "second")
            .statusCode(201)
            .body("comment.author.username", equalTo(author.username()))
            .body("comment.author.following", equalTo(false))
            .extract()
            .path("comment.id");
    JsonPath list =
        given()
            .get("/api/articles/{s}/comments", slug)
            .then()
            .statusCode(200)
            .body("comments.id", contains(second, first.getInt("comment.id")))
            .body("comments.body", contains("second", "first"))
            .extract()
            .jsonPath();
    list.getList("comments", Map.class).forEach(c -> Shapes.comment(castMap(c)));
    reader.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    reader
        .auth()
        .get("/api/articles/{s}/comments", slug)
        .then()
        .body("comments.author.following", contains(true, false));
  }

  @Test
  void noCommentsIsAnEmptyList() {
    String slug = TestArticles.create(TestUsers.register());
    given()
        .get("/api/articles/{s}/comments", slug)
        .then()
        .statusCode(200)
        .body("comments", empty());
  }

  @Test
  void addChecksAuthThenArticleThenBody() {
    Account reader = TestUsers.register();
    String slug = TestArticles.create(TestUsers.register());
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("comment", Map.of("body", "")))
        .post("/api/articles/{s}/comments", slug)
        .then()
        .statusCode(401);
    add(reader, "missing-" + slug, "")
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
    add(reader, slug, " ").statusCode(422).body("errors.body[0]", equalTo("can't be blank"));
    reader
        .auth()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/articles/{s}/comments", slug)
        .then()
        .statusCode(422)
        .body("errors.comment[0]", equalTo("can't be blank"));
  }

  @Test
  void listOfAMissingArticleIs404() {
    given()
        .get("/api/articles/{s}/comments", "missing-" + TestUsers.unique(""))
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
  }

  @Test
  void deleteIsForTheCommentAuthorOnly() {
    Account author = TestUsers.register();
    Account commenter = TestUsers.register();
    String slug = TestArticles.create(author);
    int id = add(commenter, slug, "mine").extract().path("comment.id");
    given().delete("/api/articles/{s}/comments/{id}", slug, id).then().statusCode(401);
    author
        .auth()
        .delete("/api/articles/{s}/comments/{id}", slug, id)
        .then()
        .statusCode(403)
        .body("errors.comment[0]", equalTo("forbidden"));
    commenter
        .auth()
        .delete("/api/articles/{s}/comments/{id}", slug, id)
        .then()
        .statusCode(204)
        .body(equalTo(""));
    given().get("/api/articles/{s}/comments", slug).then().body("comments", empty());
    commenter
        .auth()
        .delete("/api/articles/{s}/comments/{id}", slug, id)
        .then()
        .statusCode(404)
        .body("errors.comment[0]", equalTo("not found"));
  }

  @Test
  void deleteAnswers404ForMissingArticleOrForeignOrOddIds() {
    Account commenter = TestUsers.register();
    String slug = TestArticles.create(TestUsers.register());
    String otherSlug = TestArticles.create(TestUsers.register());
    int id = add(commenter, slug, "here").extract().path("comment.id");
    commenter
        .auth()
        .delete("/api/articles/{s}/comments/{id}", "missing-" + slug, id)
        .then()
        .statusCode(404)
        .body("errors.article[0]", equalTo("not found"));
    commenter
        .auth()
        .delete("/api/articles/{s}/comments/{id}", otherSlug, id)
        .then()
        .statusCode(404)
        .body("errors.comment[0]", equalTo("not found"));
    for (String odd : new String[] {"abc", "-1", "1.5", "99999999999999999999999", "0"}) {
      commenter
          .auth()
          .delete("/api/articles/{s}/comments/{id}", slug, odd)
          .then()
          .statusCode(404)
          .body("errors.comment[0]", equalTo("not found"));
    }
    given().get("/api/articles/{s}/comments", slug).then().body("comments.id", contains(id));
  }

  @Test
  void commentsOfDeactivatedAuthorsAreHidden() {
    Account author = TestUsers.register();
    Account gone = TestUsers.register();
    String slug = TestArticles.create(author);
    add(gone, slug, "bye");
    add(author, slug, "stays");
    admin.setActive(Actor.commandLine(), gone.username(), false, null);
    given().get("/api/articles/{s}/comments", slug).then().body("comments.body", contains("stays"));
  }

  private static io.restassured.response.ValidatableResponse add(
      Account who, String slug, String body) {
    return who.auth()
        .contentType(ContentType.JSON)
        .body(Map.of("comment", Map.of("body", body)))
        .post("/api/articles/{s}/comments", slug)
        .then();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
