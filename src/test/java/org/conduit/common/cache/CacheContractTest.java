package org.conduit.common.cache;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.support.CountingDriver;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The caches' contract (README, "Adding a feature"): whatever a cached read queries, a change to it
 * is announced to every replica, by an {@code announce_*} trigger on its table. The test fills each
 * cache with fresh data while the statements are recorded, reads the tables out of their text, and
 * fails for a table without such a trigger: a new table read by a cached path, or a trigger
 * dropped, would otherwise serve stale data silently.
 */
@QuarkusTest
class CacheContractTest {

  private static final Pattern TABLE =
      Pattern.compile("(?i)\\b(?:from|join|update|into)\\s+([a-z_][a-z0-9_]*)");

  @Inject AgroalDataSource dataSource;

  @Test
  void everyTableACachedReadQueriesAnnouncesItsChanges() throws Exception {
    TestUsers.Account author = TestUsers.register();
    TestUsers.Account reader = TestUsers.register();
    String tag = TestUsers.unique("contract").toLowerCase();
    String slug = TestArticles.create(author, tag);
    reader.auth().post("/api/articles/{slug}/favorite", slug).then().statusCode(200);
    reader.auth().post("/api/profiles/{username}/follow", author.username()).then().statusCode(200);

    CountingDriver.record();
    List<String> statements;
    try {
      // Each a miss, so each fills its cache: an account, anonymous pages, a reader's flags.
      reader.auth().get("/api/user").then().statusCode(200);
      given().get("/api/articles?tag={tag}", tag).then().statusCode(200);
      given().get("/api/articles?author={a}", author.username()).then().statusCode(200);
      given().get("/api/articles?favorited={r}", reader.username()).then().statusCode(200);
      given().get("/api/articles?limit=7&offset=1").then().statusCode(200);
      reader.auth().get("/api/articles?tag={tag}", tag).then().statusCode(200);
      reader.auth().get("/api/articles/feed").then().statusCode(200);
      given().get("/api/tags").then().statusCode(200);
    } finally {
      statements = CountingDriver.recorded();
    }

    Set<String> tables = new TreeSet<>();
    for (String sql : statements) {
      Matcher m = TABLE.matcher(sql);
      while (m.find()) {
        tables.add(m.group(1).toLowerCase());
      }
    }
    Set<String> announced = new TreeSet<>();
    Set<String> existing = new TreeSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT c.relname, EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid ="
                    + " t.tgfoid WHERE t.tgrelid = c.oid AND p.proname LIKE 'announce%')"
                    + " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
                    + " AND c.relkind = 'r'");
        ResultSet rows = q.executeQuery()) {
      while (rows.next()) {
        existing.add(rows.getString(1));
        if (rows.getBoolean(2)) {
          announced.add(rows.getString(2 - 1));
        }
      }
    }
    tables.retainAll(existing);
    assertTrue(tables.contains("articles") && tables.contains("users"), tables.toString());
    Set<String> silent = new TreeSet<>(tables);
    silent.removeAll(announced);
    assertEquals(Set.of(), silent, "read by a cached path, changes not announced; read: " + tables);
  }
}
