package org.conduit.article;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.conduit.support.CountingDriver;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A page of articles costs the same number of SQL statements whatever its size: authors, tags,
 * favorites and follows are loaded for the whole page at once, never article by article; and a page
 * read before costs none, or only the reader's own favorites and follows, the first time.
 */
@QuarkusTest
class StatementCountTest {

  private static final Logger LOG = Logger.getLogger(StatementCountTest.class);

  @Inject AgroalDataSource dataSource;

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

    String page2 = "/api/articles?tag=" + tag + "&limit=2";
    String page20 = "/api/articles?tag=" + tag + "&limit=20";
    long anonFirst2 = statements(() -> anonymous(page2, 2));
    long anonFirst20 = statements(() -> anonymous(page20, 20));
    long anonAgain2 = statements(() -> anonymous(page2, 2));
    long anonAgain20 = statements(() -> anonymous(page20, 20));
    long list2 = statements(() -> list(reader, page2, 2));
    long list20 = statements(() -> list(reader, page20, 20));
    long feed2 = statements(() -> list(reader, "/api/articles/feed?limit=2", 2));
    long feed20 = statements(() -> list(reader, "/api/articles/feed?limit=20", 20));
    String slug = reader.auth().get(page2).then().extract().path("articles[0].slug");
    long article =
        statements(() -> reader.auth().get("/api/articles/{s}", slug).then().statusCode(200));
    LOG.infof(
        "SQL statements per page (2/20 articles): anonymous %d/%d, again %d/%d, signed in %d/%d,"
            + " feed %d/%d; one article %d",
        anonFirst2, anonFirst20, anonAgain2, anonAgain20, list2, list20, feed2, feed20, article);

    // A page read for the first time: the count, then the page with its authors, tags, favorite
    // counts and flags in one statement (ArticleRows).
    assertEquals(2, anonFirst2);
    assertEquals(2, anonFirst20);
    // The same page again comes from ArticleListCache.
    assertEquals(0, anonAgain2);
    assertEquals(0, anonAgain20);
    // Signed in: the kept page, plus the reader's own favorites and follows, read once and then
    // kept (ReaderFlags).
    assertEquals(2, list2);
    assertEquals(0, list20);
    // The feed is never kept: its count and its page. (The caller's account is in memory by now:
    // Accounts.)
    assertEquals(2, feed2);
    assertEquals(2, feed20);
    // One article, with everything it shows: one statement.
    assertEquals(1, article);
  }

  @Test
  void aFavoriteDropsOnlyThePagesThatShowItsArticle() {
    Account author = TestUsers.register();
    String shown = TestUsers.unique("shown");
    String other = TestUsers.unique("other");
    String favorited = TestArticles.create(author, shown);
    TestArticles.create(author, other);
    String shownPage = "/api/articles?tag=" + shown;
    String otherPage = "/api/articles?tag=" + other;
    anonymous(shownPage, 1);
    anonymous(otherPage, 1);

    TestUsers.register()
        .auth()
        .post("/api/articles/{s}/favorite", favorited)
        .then()
        .statusCode(200);

    assertEquals(2, statements(() -> anonymous(shownPage, 1)), "the page with that article");
    assertEquals(0, statements(() -> anonymous(otherPage, 1)), "a page without it stays kept");
  }

  /**
   * A reader with more favorites than ReaderFlags keeps has the flags of each page read from the
   * database: right, and in one statement (favorites and follows together).
   */
  @Test
  void aHeavyReadersFlagsCostOneStatementAPage() throws Exception {
    Account author = TestUsers.register();
    Account reader = TestUsers.register();
    String prefix = TestUsers.unique("heavy");
    int articles = ReaderFlags.MAX_KEPT + 10;
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(
          "INSERT INTO articles (slug, title, description, body, author_id, created_at,"
              + " updated_at) SELECT '"
              + prefix
              + "-' || g, 't', 'd', 'b', "
              + author.id()
              + ", now() - g * interval '1 minute', now() FROM generate_series(1, "
              + articles
              + ") g");
      // Every article but the five newest.
      sql.execute(
          "INSERT INTO favorites (user_id, article_id) SELECT "
              + reader.id()
              + ", id FROM articles WHERE slug LIKE '"
              + prefix
              + "-%' AND substr(slug, length('"
              + prefix
              + "-') + 1)::int > 5");
    }
    reader.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    String page = "/api/articles?limit=10&author=" + author.username();
    list(reader, page, 10);

    long again = statements(() -> list(reader, page, 10));
    reader
        .auth()
        .get(page)
        .then()
        .body(
            "articles.favorited",
            equalTo(List.of(false, false, false, false, false, true, true, true, true, true)))
        .body("articles.author.following", everyItem(equalTo(true)));
    assertEquals(1, again, "the kept page, and its flags in one statement");
  }

  private long statements(Supplier<Object> request) {
    long before = CountingDriver.statements();
    request.get();
    return CountingDriver.statements() - before;
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
