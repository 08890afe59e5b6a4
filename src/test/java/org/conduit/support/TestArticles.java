package org.conduit.support;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Articles made through the API, with titles no other test uses. */
public final class TestArticles {

  private TestArticles() {}

  /** The {@code {"article": {...}}} body of a create request. */
  public static Map<String, Object> body(String title, List<String> tags) {
    Map<String, Object> article = new HashMap<>();
    article.put("title", title);
    article.put("description", "About " + title);
    article.put("body", "The body of " + title);
    if (tags != null) {
      article.put("tagList", tags);
    }
    return Map.of("article", article);
  }

  /** Creates an article with a unique title and returns its slug. */
  public static String create(TestUsers.Account author, String... tags) {
    return createTitled(author, TestUsers.unique("Title "), tags);
  }

  public static String createTitled(TestUsers.Account author, String title, String... tags) {
    return author
        .auth()
        .contentType(ContentType.JSON)
        .body(body(title, List.of(tags)))
        .post("/api/articles")
        .then()
        .statusCode(201)
        .extract()
        .path("article.slug");
  }
}
