package org.conduit.common.cache;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.awaitility.core.ThrowingRunnable;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.user.Accounts;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The caches never outlive a change, wherever it was made. Changes here are made with plain SQL on
 * a connection of the test's own, as another replica, an administration command or an operator
 * would make them: the service only hears of them through the database's notifications.
 */
@QuarkusTest
class CacheCoherenceTest {

  private static final Duration HEARD_WITHIN = Duration.ofSeconds(10);

  @Inject Accounts accounts;
  @Inject DatabaseChanges changes;

  @Test
  void anAccountDeactivatedElsewhereLosesItsTokensAtOnce() throws Exception {
    TestUsers.Account account = keptAccount();
    // Twice: the second time the list is answered from memory, token, account, page and flags.
    account.auth().get("/api/articles").then().statusCode(200);
    account.auth().get("/api/articles").then().statusCode(200);

    sql("UPDATE users SET is_active = false WHERE id = ?", account.id());

    eventually(
        () ->
            account
                .auth()
                .get("/api/user")
                .then()
                .statusCode(401)
                .body("errors.token", contains("This user has been deactivated.")));
    // The account is in memory again, deactivated; other readers keep the page in memory too.
    RestAssured.get("/api/articles").then().statusCode(200);
    RestAssured.get("/api/articles").then().statusCode(200);
    account
        .auth()
        .get("/api/articles")
        .then()
        .statusCode(401)
        .body("errors.token", contains("This user has been deactivated."));
  }

  @Test
  void aProfileChangedElsewhereIsServedFresh() throws Exception {
    TestUsers.Account account = keptAccount();

    sql("UPDATE users SET bio = 'changed elsewhere' WHERE id = ?", account.id());

    eventually(
        () ->
            account
                .auth()
                .get("/api/user")
                .then()
                .statusCode(200)
                .body("user.bio", equalTo("changed elsewhere")));
  }

  @Test
  void anArticleChangedElsewhereLeavesTheListAtOnce() throws Exception {
    await().atMost(HEARD_WITHIN).until(changes::live);
    TestUsers.Account author = TestUsers.register();
    String tag = TestUsers.unique("coherent");
    String slug = TestArticles.create(author, tag);
    String list = "/api/articles?tag=" + tag;
    RestAssured.get(list).then().statusCode(200).body("articles.slug", contains(slug));
    RestAssured.get(list).then().statusCode(200).body("articles.slug", contains(slug));

    sql("UPDATE articles SET title = 'Retitled elsewhere' WHERE slug = ?", slug);
    eventually(
        () ->
            RestAssured.get(list)
                .then()
                .statusCode(200)
                .body("articles.title", contains("Retitled elsewhere")));

    sql("DELETE FROM articles WHERE slug = ?", slug);
    eventually(
        () ->
            RestAssured.get(list)
                .then()
                .statusCode(200)
                .body("articles.slug", not(hasItem(slug)))
                .body("articlesCount", equalTo(0)));
  }

  @Test
  void aFavoriteElsewhereReachesThePagesThatShowItsArticle() throws Exception {
    await().atMost(HEARD_WITHIN).until(changes::live);
    TestUsers.Account author = TestUsers.register();
    TestUsers.Account fan = TestUsers.register();
    String tag = TestUsers.unique("favcount");
    String slug = TestArticles.create(author, tag);
    String list = "/api/articles?tag=" + tag;
    String favorites = "/api/articles?favorited=" + fan.username();
    for (int read = 0; read < 2; read++) {
      RestAssured.get(list).then().statusCode(200).body("articles[0].favoritesCount", equalTo(0));
      RestAssured.get(favorites).then().statusCode(200).body("articlesCount", equalTo(0));
    }

    sql(
        "INSERT INTO favorites (user_id, article_id) SELECT ?, id FROM articles WHERE slug = ?",
        fan.id(),
        slug);
    eventually(
        () -> {
          RestAssured.get(list).then().body("articles[0].favoritesCount", equalTo(1));
          RestAssured.get(favorites).then().body("articles.slug", contains(slug));
        });

    sql("DELETE FROM favorites WHERE user_id = ?", fan.id());
    eventually(
        () -> {
          RestAssured.get(list).then().body("articles[0].favoritesCount", equalTo(0));
          RestAssured.get(favorites).then().body("articlesCount", equalTo(0));
        });
  }

  @Test
  void aKeptCountChangedByHandReachesThePages() throws Exception {
    await().atMost(HEARD_WITHIN).until(changes::live);
    TestUsers.Account author = TestUsers.register();
    String tag = TestUsers.unique("keptcount");
    String slug = TestArticles.create(author, tag);
    String list = "/api/articles?tag=" + tag;
    for (int read = 0; read < 2; read++) {
      RestAssured.get(list).then().statusCode(200).body("articles[0].favoritesCount", equalTo(0));
    }
    // An operator's statement on a count the triggers keep (recount_listing() does the same).
    sql(
        "INSERT INTO article_counts (article_id, favorites) SELECT id, 3 FROM articles"
            + " WHERE slug = ? ON CONFLICT (article_id) DO UPDATE SET favorites = 3",
        slug);
    eventually(() -> RestAssured.get(list).then().body("articles[0].favoritesCount", equalTo(3)));
    sql("SELECT recount_listing()");
    eventually(() -> RestAssured.get(list).then().body("articles[0].favoritesCount", equalTo(0)));
  }

  @Test
  void aFavoriteIsAnnouncedAsItsArticleNotAsEveryPage() throws Exception {
    TestUsers.Account author = TestUsers.register();
    TestUsers.Account fan = TestUsers.register();
    String slug = TestArticles.create(author);
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    try (Connection listener = DriverManager.getConnection(url, "postgres", "");
        java.sql.Statement listen = listener.createStatement()) {
      String channel = "conduit_" + listener.getSchema();
      listen.execute("LISTEN " + channel);
      // The favorite also updates the kept counts (V54), whose triggers stay silent (V60).
      sql(
          "INSERT INTO favorites (user_id, article_id) SELECT ?, id FROM articles WHERE slug = ?",
          fan.id(),
          slug);
      listen.execute("SELECT 1"); // notifications arrive with the next exchange
      java.util.List<String> payloads = new java.util.ArrayList<>();
      org.postgresql.PGNotification[] heard =
          listener.unwrap(org.postgresql.PGConnection.class).getNotifications(5_000);
      for (org.postgresql.PGNotification n :
          heard == null ? new org.postgresql.PGNotification[0] : heard) {
        payloads.add(n.getParameter());
      }
      assertTrue(payloads.stream().anyMatch(p -> p.startsWith("favorites:")), payloads.toString());
      assertTrue(!payloads.contains("content"), payloads.toString());
    }
  }

  @Test
  void aReadersFollowsAndFavoritesChangedElsewhereReachTheirFlags() throws Exception {
    await().atMost(HEARD_WITHIN).until(changes::live);
    TestUsers.Account author = TestUsers.register();
    String tag = TestUsers.unique("flags");
    String slug = TestArticles.create(author, tag);
    TestUsers.Account reader = TestUsers.register();
    String list = "/api/articles?tag=" + tag;
    // Read once: the page and the reader's favorites and follows are kept from here on.
    flags(reader, list, false, false);

    // A follow changes no page: only its own announcement can reach the reader's kept flags.
    sql("INSERT INTO follows (follower_id, followed_id) VALUES (?, ?)", reader.id(), author.id());
    eventually(() -> flags(reader, list, false, true));

    sql(
        "INSERT INTO favorites (user_id, article_id) SELECT ?, id FROM articles WHERE slug = ?",
        reader.id(),
        slug);
    eventually(() -> flags(reader, list, true, true));

    sql("DELETE FROM follows WHERE follower_id = ?", reader.id());
    eventually(() -> flags(reader, list, true, false));

    sql("DELETE FROM favorites WHERE user_id = ?", reader.id());
    eventually(() -> flags(reader, list, false, false));
  }

  @Test
  void aReadersOwnFollowsAndFavoritesShowOnTheirNextPage() {
    TestUsers.Account author = TestUsers.register();
    String tag = TestUsers.unique("ownflags");
    String slug = TestArticles.create(author, tag);
    TestUsers.Account reader = TestUsers.register();
    String list = "/api/articles?tag=" + tag;
    flags(reader, list, false, false);

    reader.auth().post("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    flags(reader, list, false, true);
    reader.auth().post("/api/articles/{s}/favorite", slug).then().statusCode(200);
    flags(reader, list, true, true);
    reader.auth().delete("/api/profiles/{u}/follow", author.username()).then().statusCode(200);
    flags(reader, list, true, false);
    reader.auth().delete("/api/articles/{s}/favorite", slug).then().statusCode(200);
    flags(reader, list, false, false);
  }

  @Test
  void losingTheNotificationsDropsEverythingKept() throws Exception {
    TestUsers.Account account = keptAccount();

    // Every connection of this test run, the listening one among them.
    sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND pid <> pg_backend_pid() AND application_name = ?",
        ConfigProvider.getConfig()
            .getValue(
                "quarkus.datasource.jdbc.additional-jdbc-properties.ApplicationName",
                String.class));

    await().atMost(HEARD_WITHIN).until(() -> accounts.known(account.id()).isEmpty());
    await().atMost(HEARD_WITHIN).until(changes::live);
    account.auth().get("/api/user").then().statusCode(200);
  }

  /** A new account, read once through the API while the listener is live, so that it is kept. */
  private TestUsers.Account keptAccount() {
    await().atMost(HEARD_WITHIN).until(changes::live);
    TestUsers.Account account = TestUsers.register();
    account.auth().get("/api/user").then().statusCode(200);
    assertTrue(accounts.known(account.id()).isPresent(), "kept after the first request");
    return account;
  }

  /**
   * The one article of the list, as the reader sees it; read twice, since the second read is
   * answered from memory when the first kept everything it needs.
   */
  private static void flags(
      TestUsers.Account reader, String list, boolean favorited, boolean following) {
    for (int read = 0; read < 2; read++) {
      reader
          .auth()
          .get(list)
          .then()
          .statusCode(200)
          .body("articles[0].favorited", equalTo(favorited))
          .body("articles[0].author.following", equalTo(following));
    }
  }

  /** The assertion holds within the time a notification takes to be heard. */
  private static void eventually(ThrowingRunnable assertion) {
    await().atMost(HEARD_WITHIN).untilAsserted(assertion);
  }

  private static void sql(String statement, Object... parameters) throws Exception {
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        PreparedStatement prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        prepared.setObject(i + 1, parameters[i]);
      }
      prepared.execute();
    }
  }
}
