package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

/**
 * The feed has two ways to read a page (ArticleRows.count picks the cheaper): merging the followed
 * authors' own lists, or walking the site's list. Both must give the same pages as a plain query,
 * at every offset, with a deactivated author among those followed.
 */
@QuarkusTest
class FeedWaysTest {

  @Inject AgroalDataSource dataSource;
  @Inject Administration admin;

  @Test
  void mergingAndWalkingGiveTheSamePages() throws Exception {
    Account reader = TestUsers.register();
    List<Account> followed =
        List.of(TestUsers.register(), TestUsers.register(), TestUsers.register());
    Account stranger = TestUsers.register();
    // Interleaved: the followed authors' articles between a stranger's, a few each.
    for (int round = 0; round < 4; round++) {
      for (Account author : followed) {
        TestArticles.create(author);
        TestArticles.create(stranger);
      }
    }
    for (Account author : followed) {
      given()
          .header("Authorization", "Token " + reader.token())
          .post("/api/profiles/{u}/follow", author.username())
          .then()
          .statusCode(200);
    }
    admin.setActive(Actor.commandLine(), followed.get(1).username(), false, null);

    List<Long> expected = plainFeed(reader.id());
    assertEquals(8, expected.size(), "two active followed authors, four articles each");
    ArticleSearch merging = ArticleSearch.feed(reader.id());
    ArticleSearch walking = merging.walkingTheSite();
    for (int offset = 0; offset <= expected.size(); offset++) {
      for (int limit = 1; limit <= 5; limit++) {
        Paging paging = new Paging(limit, offset);
        List<Long> want = expected.subList(offset, Math.min(expected.size(), offset + limit));
        assertEquals(want, ids(merging, paging), "merged, " + paging);
        assertEquals(want, ids(walking, paging), "walked, " + paging);
        ArticleRows.Counted counted =
            QuarkusTransaction.requiringNew().call(() -> ArticleRows.count(merging, paging));
        assertEquals(expected.size(), counted.articles(), "count, " + paging);
      }
    }
  }

  @Test
  void theWalkIsChosenWhenTheFollowedAuthorsWroteMuchOfTheSite() {
    // A reader of the site's most prolific authors (300,000 of a million articles): the walk
    // reads about 67 rows for a first page, the merge 10,000.
    assertTrue(ArticleRows.walkIsCheaper(20, 1_000_000, 10_000, 300_000));
    // A reader of 50 authors of ten articles each: the merge reads 500 rows, the walk 40,000.
    assertTrue(!ArticleRows.walkIsCheaper(20, 1_000_000, 500, 500));
    // Deep: at offset 10,000 the walk of a reader of a tenth of the site reads 100,000 rows, four
    // times cheaper each than the 60,000 merged; of a hundredth, a million.
    assertTrue(ArticleRows.walkIsCheaper(10_020, 1_000_000, 60_000, 100_000));
    assertTrue(!ArticleRows.walkIsCheaper(10_020, 1_000_000, 10_000, 10_000));
    assertTrue(!ArticleRows.walkIsCheaper(20, 1_000_000, 0, 0));
  }

  private static List<Long> ids(ArticleSearch search, Paging paging) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ArticleRows.page(search, paging, null).stream().map(ArticleRow::id).toList());
  }

  private List<Long> plainFeed(long readerId) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT a.id FROM articles a JOIN users u ON u.id = a.author_id"
                    + " JOIN follows f ON f.followed_id = a.author_id"
                    + " WHERE f.follower_id = ? AND u.is_active"
                    + " ORDER BY a.created_at DESC, a.id DESC")) {
      statement.setLong(1, readerId);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }
}
