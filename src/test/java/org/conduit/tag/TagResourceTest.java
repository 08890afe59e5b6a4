package org.conduit.tag;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
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
class TagResourceTest {

  @Inject Administration admin;

  @Test
  void everyTagInUseSortedOnce() {
    Account author = TestUsers.register();
    String b = TestUsers.unique("b");
    String a = TestUsers.unique("a");
    TestArticles.create(author, b, a);
    TestArticles.create(TestUsers.register(), a);
    var json =
        given()
            .get("/api/tags")
            .then()
            .statusCode(200)
            .body("tags", hasItems(a, b))
            .extract()
            .jsonPath();
    Shapes.tags(json.getMap(""));
    List<String> tags = json.getList("tags", String.class);
    List<String> sorted = new ArrayList<>(tags);
    sorted.sort(Tag.ALPHABETICAL);
    assertEquals(sorted, tags);
    assertEquals(1, tags.stream().filter(a::equals).count());
  }

  @Test
  void tagsOfDeletedOrHiddenArticlesAreNotInUse() {
    Account author = TestUsers.register();
    String cleared = TestUsers.unique("cleared");
    String deleted = TestUsers.unique("deleted");
    String hidden = TestUsers.unique("hidden");
    String slug = TestArticles.create(author, cleared);
    author
        .auth()
        .contentType(ContentType.JSON)
        .body(Map.of("article", Map.of("tagList", List.of())))
        .put("/api/articles/{s}", slug)
        .then()
        .statusCode(200);
    String gone = TestArticles.create(author, deleted);
    author.auth().delete("/api/articles/{s}", gone).then().statusCode(204);
    Account leaver = TestUsers.register();
    TestArticles.create(leaver, hidden);
    given().get("/api/tags").then().body("tags", hasItem(hidden));
    admin.setActive(Actor.commandLine(), leaver.username(), false, null);
    given()
        .get("/api/tags")
        .then()
        .body("tags", not(hasItem(cleared)))
        .body("tags", not(hasItem(deleted)))
        .body("tags", not(hasItem(hidden)));
  }
}
