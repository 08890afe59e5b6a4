package org.conduit.article;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.function.Supplier;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A page of articles costs the same number of SQL statements whatever its size: authors, tags,
 * favorites and follows are loaded for the whole page at once, never article by article.
 */
@QuarkusTest
class StatementCountTest {

  private static final Logger LOG = Logger.getLogger(StatementCountTest.class);

  @Inject SessionFactory sessionFactory;

  @Test
  void aPageOf20CostsWhatAPageOf2Costs() {
    Account reader = TestUsers.register();
    String tag = TestUsers.unique("count");
    // 20 articles by 20 authors, each with tags, favorites, and followed by the reader.
    for (int i = 0; i < 20; i++) {
      Account author = TestUsers.register();
      String slug = TestArticles.create(author, tag, "second" + i, "third");
      reader.auth().post("/api/articles/{s}/favorite", slug).then().statusCode(200);
      author.auth().post("/api/articles/{s}/favorite", slug).then().statusCode(200);
      reader.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
      author
          .auth()
          .contentType(ContentType.JSON)
          .body(Map.of("comment", Map.of("body", "c")))
          .post("/api/articles/{s}/comments", slug)
          .then()
          .statusCode(201);
    }

    long list2 = statements(() -> list(reader, "/api/articles?tag=" + tag + "&limit=2", 2));
    long list20 = statements(() -> list(reader, "/api/articles?tag=" + tag + "&limit=20", 20));
    long anon2 = statements(() -> anonymous("/api/articles?tag=" + tag + "&limit=2", 2));
    long anon20 = statements(() -> anonymous("/api/articles?tag=" + tag + "&limit=20", 20));
    long feed2 = statements(() -> list(reader, "/api/articles/feed?limit=2", 2));
    long feed20 = statements(() -> list(reader, "/api/articles/feed?limit=20", 20));
    LOG.infof(
        "SQL statements per page: list %d/%d, anonymous %d/%d, feed %d/%d (2/20 articles)",
        list2, list20, anon2, anon20, feed2, feed20);

    assertEquals(list2, list20, "signed-in list");
    assertEquals(anon2, anon20, "anonymous list");
    assertEquals(feed2, feed20, "feed");
    // The caller, the count, the page with authors, tags, favorites, follows.
    assertEquals(6, list20);
    assertEquals(6, feed20);
    // No caller and no follows to look up.
    assertEquals(4, anon20);
  }

  private long statements(Supplier<Object> request) {
    Statistics statistics = sessionFactory.getStatistics();
    long before = statistics.getPrepareStatementCount();
    request.get();
    return statistics.getPrepareStatementCount() - before;
  }

  private static Object list(Account reader, String path, int size) {
    return reader.auth().get(path).then().statusCode(200).body("articles", hasSize(size));
  }

  private static Object anonymous(String path, int size) {
    return io.restassured.RestAssured.given()
        .get(path)
        .then()
        .statusCode(200)
        .body("articles", hasSize(size));
  }
}
