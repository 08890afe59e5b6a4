package org.conduit.article;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.conduit.support.TestArticles;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

/**
 * The database reads of list pages no cache holds wait for a turn (docs/database.md, "Crawlers"):
 * with one turn and no queue, a crawl of uncached pages from many connections has some of its
 * requests refused with the 503 envelope and Retry-After, while pages from the cache, shallow pages
 * no cache holds (ending within conduit.list-reads.shallow rows), the feed and single articles,
 * requested at the same time, are never refused.
 */
@QuarkusTest
@TestProfile(ListReadsBoundTest.OneTurn.class)
class ListReadsBoundTest {

  public static class OneTurn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "conduit.list-reads.concurrency", "1",
          "conduit.list-reads.queue", "0",
          "conduit.list-reads.wait-for", "0s");
    }
  }

  @Test
  void uncachedPagesWaitForATurnAndNothingElseDoes() throws Exception {
    Account reader = TestUsers.register();
    Account author = TestUsers.register();
    String slug = TestArticles.create(author);
    given()
        .header("Authorization", "Token " + reader.token())
        .post("/api/profiles/{u}/follow", author.username())
        .then()
        .statusCode(200);
    // The home page, read once: kept from now on.
    given().get("/api/articles").then().statusCode(200);

    Map<String, Integer> crawled = new ConcurrentHashMap<>();
    Map<String, Integer> others = new ConcurrentHashMap<>();
    List<String> refusals = new ArrayList<>();
    int threads = 12;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      boolean crawler = t % 2 == 0;
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 30; i++) {
                  if (crawler) {
                    // A page no cache holds: an offset nobody asked for.
                    Response page =
                        given().get("/api/articles?offset=" + (1 + (int) (Math.random() * 1e6)));
                    crawled.merge(Integer.toString(page.statusCode()), 1, Integer::sum);
                    if (page.statusCode() == 503) {
                      synchronized (refusals) {
                        refusals.add(page.header("Retry-After") + " " + page.asString());
                      }
                    }
                  } else {
                    int home = given().get("/api/articles").statusCode();
                    int feed =
                        given()
                            .header("Authorization", "Token " + reader.token())
                            .get("/api/articles/feed")
                            .statusCode();
                    int article = given().get("/api/articles/{s}", slug).statusCode();
                    // A shallow page no cache holds: offset + limit within the first 200 rows.
                    int shallow =
                        given()
                            .get(
                                "/api/articles?limit=1&author={a}&offset=" + (1 + i * 6 + thread),
                                author.username())
                            .statusCode();
                    others.merge(
                        home + "/" + feed + "/" + article + "/" + shallow, 1, Integer::sum);
                  }
                }
                return null;
              }));
    }
    for (Future<?> thread : done) {
      thread.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertEquals(
        Map.of("200/200/200/200", 6 * 30),
        others,
        "cached pages, feed, article and shallow uncached pages");
    assertTrue(crawled.getOrDefault("503", 0) > 0, "some uncached pages refused: " + crawled);
    assertTrue(crawled.getOrDefault("200", 0) > 0, "some uncached pages served: " + crawled);
    assertEquals(
        crawled.get("200") + crawled.get("503"),
        crawled.values().stream().mapToInt(Integer::intValue).sum(),
        "only 200 and 503: " + crawled);
    String refusal = refusals.get(0);
    assertTrue(
        refusal.matches("\\d+ \\{\"errors\":\\{\"server\":\\[\"is busy, try again shortly\"]}}"),
        refusal);
  }
}
