package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.conduit.admin.Actor;
import org.conduit.admin.Administration;
import org.conduit.comment.CommentService;
import org.conduit.comment.NewComment;
import org.conduit.comment.NewCommentRequest;
import org.conduit.support.ListingCounts;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The counts the database keeps for lists (V54) never drift from the data: not under racing writes
 * through the API, nor under SQL written behind the service's back.
 */
@QuarkusTest
class ListingCountsTest {

  private static final Logger LOG = Logger.getLogger(ListingCountsTest.class);
  private static final int THREADS = 8;
  private static final int OPERATIONS_PER_THREAD = 80;
  private static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 401, 404);

  @Inject AgroalDataSource dataSource;
  @Inject Administration admin;
  @Inject ArticleService articles;
  @Inject CommentService comments;

  @TestHTTPResource("/")
  URL base;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void racingWritesLeaveEveryCountExact() throws Exception {
    // A few users, articles and tags, so that writers meet on the same rows.
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accounts.add(TestUsers.register());
    }
    AtomicReferenceArray<String> tokens = new AtomicReferenceArray<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      tokens.set(i, accounts.get(i).token());
    }
    List<String> tags =
        List.of(TestUsers.unique("t"), TestUsers.unique("t"), TestUsers.unique("t"));
    Map<String, Integer> slugs = new ConcurrentHashMap<>();
    for (int i = 0; i < accounts.size(); i++) {
      slugs.put(TestArticles.create(accounts.get(i), tags.get(i % 3)), i);
    }
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(
          pool.submit(
              () -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                  int actor = random.nextInt(accounts.size());
                  String token = tokens.get(actor);
                  String slug = any(slugs.keySet(), random);
                  String other = accounts.get(random.nextInt(accounts.size())).username();
                  String operation;
                  int status;
                  switch (random.nextInt(10)) {
                    case 0, 1 -> {
                      operation = "create";
                      HttpResponse<String> created =
                          send(
                              "POST",
                              "api/articles",
                              token,
                              article(TestUsers.unique("Race "), someOf(tags, random)));
                      status = created.statusCode();
                      if (status == 201) {
                        slugs.put(slugOf(created.body()), actor);
                      }
                    }
                    case 2 -> {
                      operation = "delete";
                      status =
                          send("DELETE", "api/articles/" + slug, token(slugs, slug, tokens), null)
                              .statusCode();
                      if (status == 204) {
                        slugs.remove(slug);
                      }
                    }
                    case 3 -> {
                      operation = "retag";
                      status =
                          send(
                                  "PUT",
                                  "api/articles/" + slug,
                                  token(slugs, slug, tokens),
                                  "{\"article\":{\"tagList\":" + json(someOf(tags, random)) + "}}")
                              .statusCode();
                    }
                    case 4 -> {
                      operation = "favorite";
                      status =
                          send("POST", "api/articles/" + slug + "/favorite", token, null)
                              .statusCode();
                    }
                    case 5 -> {
                      operation = "unfavorite";
                      status =
                          send("DELETE", "api/articles/" + slug + "/favorite", token, null)
                              .statusCode();
                    }
                    case 6 -> {
                      operation = "follow";
                      status =
                          send(
                                  random.nextBoolean() ? "POST" : "DELETE",
                                  "api/profiles/" + other + "/follow",
                                  token,
                                  null)
                              .statusCode();
                    }
                    case 7 -> {
                      operation = "deactivate";
                      admin.setActive(
                          Actor.commandLine(), accounts.get(actor).username(), false, null);
                      status = 200;
                    }
                    default -> {
                      // Twice as likely as a deactivation, so that most actors are active most of
                      // the time.
                      operation = "reactivate";
                      admin.setActive(
                          Actor.commandLine(), accounts.get(actor).username(), true, null);
                      HttpResponse<String> login =
                          send(
                              "POST",
                              "api/users/login",
                              null,
                              "{\"user\":{\"email\":\""
                                  + accounts.get(actor).email()
                                  + "\",\"password\":\""
                                  + TestUsers.PASSWORD
                                  + "\"}}");
                      status = login.statusCode();
                      if (status == 200) {
                        tokens.set(actor, tokenOf(login.body()));
                      }
                    }
                  }
                  if (!EXPECTED.contains(status)) {
                    unexpected.add(operation + " " + status);
                  }
                  outcomes.merge(operation + " " + status, 1, Integer::sum);
                }
                return null;
              }));
    }
    for (Future<?> thread : done) {
      thread.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    LOG.infof("Racing writes, answers: %s", new java.util.TreeMap<>(outcomes));

    assertTrue(unexpected.isEmpty(), "unexpected answers: " + unexpected);
    assertTrue(ListingCounts.compared(dataSource) > 50, "nothing compared");
    assertEquals(List.of(), ListingCounts.drift(dataSource));
    // And what clients read: every list, with every combination of filters, lists and counts what
    // a plain query over the base tables finds.
    assertEveryCombinationListsWhatItShould(
        tags, accounts.stream().map(Account::username).toList());
    assertListed(
        "",
        countOf(
            "SELECT count(*) FROM articles a JOIN users u ON u.id = a.author_id WHERE u.is_active"));
  }

  /**
   * Each combination of a tag (or none), an author (or none) and a favoriting user (or none): the
   * API's first page (up to 100 slugs) and articlesCount against a query of the base tables alone,
   * none of the derived columns or kept counts.
   */
  private void assertEveryCombinationListsWhatItShould(List<String> tags, List<String> users)
      throws Exception {
    List<String> anyTag = new ArrayList<>(tags);
    anyTag.add(null);
    List<String> anyUser = new ArrayList<>(users);
    anyUser.add(null);
    int compared = 0;
    for (String tag : anyTag) {
      for (String author : anyUser) {
        for (String favoritedBy : anyUser) {
          if (tag == null && author == null && favoritedBy == null) {
            continue;
          }
          StringBuilder sql =
              new StringBuilder(
                  "SELECT a.slug FROM articles a JOIN users u ON u.id = a.author_id"
                      + " WHERE u.is_active");
          List<Object> parameters = new ArrayList<>();
          StringBuilder query = new StringBuilder("limit=100");
          if (tag != null) {
            sql.append(
                " AND EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id"
                    + " WHERE at.article_id = a.id AND t.name = ?)");
            parameters.add(tag);
            query.append("&tag=").append(tag);
          }
          if (author != null) {
            sql.append(" AND u.username = ?");
            parameters.add(author);
            query.append("&author=").append(author);
          }
          if (favoritedBy != null) {
            sql.append(
                " AND EXISTS (SELECT 1 FROM favorites f JOIN users fu ON fu.id = f.user_id"
                    + " WHERE f.article_id = a.id AND fu.username = ? AND fu.is_active)");
            parameters.add(favoritedBy);
            query.append("&favorited=").append(favoritedBy);
          }
          List<String> expected =
              slugsOf(sql + " ORDER BY a.created_at DESC, a.id DESC", parameters);
          io.restassured.path.json.JsonPath page =
              given().get("/api/articles?" + query).then().statusCode(200).extract().jsonPath();
          assertEquals(expected.size(), page.getInt("articlesCount"), "articlesCount of " + query);
          assertEquals(
              expected.subList(0, Math.min(100, expected.size())),
              page.getList("articles.slug"),
              "page of " + query);
          compared += expected.isEmpty() ? 0 : 1;
        }
      }
    }
    // How many are non-empty depends on the race (18 of 195 in one CI run): never none.
    assertTrue(compared > 5, "too few non-empty lists compared: " + compared);
  }

  private List<String> slugsOf(String sql, List<Object> parameters) throws Exception {
    List<String> slugs = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          slugs.add(rows.getString(1));
        }
      }
    }
    return slugs;
  }

  /**
   * A deactivation that commits while the author's requests are past their token check: their
   * writes, and others' favorites of their articles, race the hiding of everything they wrote.
   */
  @Test
  void activityChangesRaceTheAuthorsWrites() throws Exception {
    Account author = TestUsers.register();
    List<Account> fans = List.of(TestUsers.register(), TestUsers.register(), TestUsers.register());
    String tag = TestUsers.unique("t");
    Set<String> slugs = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 5; i++) {
      slugs.add(TestArticles.create(author, tag));
    }
    org.conduit.user.Account writer = account(author);
    ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int role = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int op = 0; op < 40; op++) {
                  String slug = any(slugs, random);
                  Account fan = fans.get(random.nextInt(fans.size()));
                  String outcome;
                  try {
                    outcome =
                        switch (role) {
                          case 0 -> {
                            admin.setActive(
                                Actor.commandLine(), author.username(), op % 2 == 1, null);
                            yield "toggle";
                          }
                          case 1, 2 -> {
                            slugs.add(
                                articles
                                    .create(
                                        writer,
                                        new NewArticle(
                                            TestUsers.unique("Race "), "d", "b", List.of(tag)))
                                    .slug());
                            yield "create";
                          }
                          case 3 -> {
                            articles.update(
                                slug,
                                writer,
                                new UpdateArticleRequest(retag(random.nextBoolean() ? tag : "x")));
                            yield "retag";
                          }
                          case 4 -> {
                            articles.delete(slug, writer);
                            slugs.remove(slug);
                            yield "delete";
                          }
                          case 6 -> {
                            // The author's comments, racing the toggles and profile changes.
                            comments.add(
                                slug, writer, new NewCommentRequest(new NewComment("c " + op)));
                            yield "comment";
                          }
                          case 7 -> {
                            try (Connection connection = dataSource.getConnection();
                                Statement sql = connection.createStatement()) {
                              sql.execute(
                                  "UPDATE users SET bio = 'bio "
                                      + op
                                      + "' WHERE id = "
                                      + author.id());
                            }
                            yield "profile";
                          }
                          default -> {
                            if (random.nextBoolean()) {
                              articles.favorite(slug, account(fan));
                            } else {
                              articles.unfavorite(slug, account(fan));
                            }
                            yield "favorite";
                          }
                        };
                  } catch (org.conduit.common.error.ApiException e) {
                    outcome = "refused " + e.status(); // the article was hidden or deleted
                  } catch (RuntimeException e) {
                    outcome = "failed";
                    unexpected.add(e.toString());
                  }
                  outcomes.merge(outcome, 1, Integer::sum);
                }
                return null;
              }));
    }
    for (Future<?> thread : done) {
      thread.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    LOG.infof("Activity racing writes, outcomes: %s", new java.util.TreeMap<>(outcomes));

    assertTrue(unexpected.isEmpty(), "failures: " + unexpected);
    assertEquals(List.of(), ListingCounts.drift(dataSource));
  }

  @Test
  void sqlBehindTheServicesBackKeepsTheCountsToo() throws Exception {
    Account author = TestUsers.register();
    Account other = TestUsers.register();
    Account fan = TestUsers.register();
    String tag = TestUsers.unique("sql");
    String second = TestUsers.unique("sql");
    TestArticles.create(author, tag);
    TestArticles.create(other, second);
    String ours = "slug LIKE '" + tag + "-%'";
    // A migration or an operator: rows added in bulk, tagged, favorited, re-tagged, moved,
    // re-dated, hidden and removed. Each statement leaves everything exact by itself: a later one
    // (a deactivation rewrites every derived row of its author) must not mend an earlier one.
    List<String> statements =
        List.of(
            "INSERT INTO articles (slug, title, description, body, author_id, created_at,"
                + " updated_at) SELECT '"
                + tag
                + "-' || g, 't', 'd', 'b', "
                + author.id()
                + ", now() - g * interval '1 hour', now() FROM generate_series(1, 30) g",
            "INSERT INTO article_tags (article_id, tag_id) SELECT a.id, t.id FROM articles a, tags t"
                + (" WHERE a." + ours + " AND t.name = '" + tag + "'"),
            "INSERT INTO favorites (user_id, article_id) SELECT "
                + fan.id()
                + (", id FROM articles WHERE " + ours + " AND id % 2 = 0"),
            "INSERT INTO article_tags (article_id, tag_id) SELECT a.id, t.id FROM articles a, tags t"
                + (" WHERE a." + ours + " AND a.id % 3 = 0 AND t.name = '" + second + "'"),
            "INSERT INTO comments (article_id, author_id, body, created_at, updated_at) SELECT id, "
                + fan.id()
                + (", 'c', now(), now() FROM articles WHERE " + ours + " AND id % 2 = 1"),
            "INSERT INTO comments (article_id, author_id, body, created_at, updated_at) SELECT id, "
                + author.id()
                + (", 'c', now(), now() FROM articles WHERE " + ours + " AND id % 3 = 1"),
            "UPDATE users SET bio = 'bio ' || id, image = 'https://example.com/' || id WHERE id IN ("
                + fan.id()
                + ", "
                + author.id()
                + ")",
            "UPDATE users SET username = username || 'r' WHERE id = " + fan.id(),
            "UPDATE comments SET author_id = "
                + other.id()
                + " WHERE author_id = "
                + fan.id()
                + " AND id % 2 = 0",
            "DELETE FROM article_tags WHERE article_id IN (SELECT id FROM articles WHERE "
                + ours
                + " AND id % 5 = 0) AND tag_id = (SELECT id FROM tags WHERE name = '"
                + tag
                + "')",
            "UPDATE article_tags SET tag_id = (SELECT id FROM tags WHERE name = '"
                + second
                + "') WHERE article_id IN (SELECT id FROM articles WHERE "
                + ours
                + " AND id % 7 = 0) AND tag_id = (SELECT id FROM tags WHERE name = '"
                + tag
                + "') AND NOT EXISTS (SELECT 1 FROM article_tags x WHERE x.article_id ="
                + " article_tags.article_id AND x.tag_id = (SELECT id FROM tags WHERE name = '"
                + second
                + "'))",
            "UPDATE articles SET author_id = " + other.id() + " WHERE " + ours + " AND id % 4 = 1",
            "UPDATE favorites SET user_id = "
                + other.id()
                + " WHERE user_id = "
                + fan.id()
                + " AND article_id % 8 = 0",
            "UPDATE articles SET created_at = created_at - interval '1 year' WHERE "
                + "slug LIKE '"
                + tag
                + "-1%'",
            "UPDATE users SET is_active = false WHERE id = " + author.id(),
            "DELETE FROM articles WHERE slug LIKE '" + tag + "-2%'",
            "UPDATE users SET is_active = true WHERE id = " + author.id(),
            "DELETE FROM favorites WHERE user_id = " + fan.id() + " AND article_id % 4 = 0",
            "DELETE FROM article_tags WHERE article_id IN (SELECT id FROM articles WHERE "
                + ours
                + " AND id % 3 = 0)");
    for (String statement : statements) {
      try (Connection connection = dataSource.getConnection();
          Statement sql = connection.createStatement()) {
        sql.execute(statement);
      }
      assertEquals(List.of(), ListingCounts.drift(dataSource), "after " + statement);
    }
    assertListed(
        "tag=" + tag,
        countOf(
            "SELECT count(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.name = ?",
            tag));

    // A count written by hand is drift the check sees, and recount_listing() mends it.
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute("UPDATE tags SET articles_count = articles_count + 7 WHERE name = '" + tag + "'");
      sql.execute("UPDATE user_counts SET favorites = 0 WHERE user_id = " + fan.id());
      sql.execute(
          "UPDATE combination_counts SET articles = articles + 3 WHERE user_id = " + fan.id());
      sql.execute("DELETE FROM favorite_tags WHERE user_id = " + other.id());
      // A comment's copy of its author, written with the triggers off (a bulk load).
      sql.execute("SET session_replication_role = replica");
      sql.execute("UPDATE comments SET author_bio = 'stale' WHERE author_id = " + author.id());
      sql.execute("SET session_replication_role = origin");
      assertFalse(ListingCounts.drift(dataSource).isEmpty());
      sql.execute("SELECT recount_listing()");
    }
    assertEquals(List.of(), ListingCounts.drift(dataSource));
  }

  private static org.conduit.user.Account account(Account account) {
    return new org.conduit.user.Account(
        account.id(), account.email(), account.username(), null, null, 0, null, true, false, false);
  }

  private static ArticleChanges retag(String tag) {
    ArticleChanges changes = new ArticleChanges();
    changes.setTagList(List.of(tag));
    return changes;
  }

  private void assertListed(String query, long expected) {
    given()
        .get("/api/articles?limit=1&" + query)
        .then()
        .statusCode(200)
        .body("articlesCount", org.hamcrest.Matchers.equalTo((int) expected));
  }

  private long countOf(String sql, Object... parameters) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private HttpResponse<String> send(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Token " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The token of the slug's author (unknown slugs: anybody's), so that deletes may succeed. */
  private static String token(
      Map<String, Integer> slugs, String slug, AtomicReferenceArray<String> tokens) {
    return tokens.get(slugs.getOrDefault(slug, 0));
  }

  private static String article(String title, List<String> tags) {
    return "{\"article\":{\"title\":\""
        + title
        + "\",\"description\":\"d\",\"body\":\"b\",\"tagList\":"
        + json(tags)
        + "}}";
  }

  private static List<String> someOf(List<String> tags, ThreadLocalRandom random) {
    List<String> some = new ArrayList<>();
    for (String tag : tags) {
      if (random.nextBoolean()) {
        some.add(tag);
      }
    }
    return some;
  }

  private static String json(List<String> strings) {
    return strings.stream().map(s -> "\"" + s + "\"").toList().toString();
  }

  private static String any(Set<String> slugs, ThreadLocalRandom random) {
    List<String> all = List.copyOf(slugs);
    return all.isEmpty() ? "none" : all.get(random.nextInt(all.size()));
  }

  private static String slugOf(String body) {
    return body.replaceAll("(?s).*\"slug\":\"([^\"]+)\".*", "$1");
  }

  private static String tokenOf(String body) {
    return body.replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
  }
}
