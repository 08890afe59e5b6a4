package org.conduit.hardening;

import static org.conduit.support.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/** Two users claiming the same new email or username at once: one wins, the other gets a 409. */
@QuarkusTest
class RacingUpdatesTest {

  private static final int ROUNDS = 10;

  @Inject EntityManager em;

  private List<Integer> race(String field, String value, List<TestUsers.Account> racers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (TestUsers.Account racer : racers) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return json(racer.auth(), Map.of("user", Map.of(field, value)))
                      .put("/api/user")
                      .then()
                      .extract()
                      .statusCode();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private long rowsWith(String column, String value) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "SELECT count(*) FROM users WHERE lower("
                                    + column
                                    + ") = lower(?1)")
                            .setParameter(1, value)
                            .getSingleResult())
                    .longValue());
  }

  private void racesOn(String field) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      List<TestUsers.Account> racers = List.of(TestUsers.register(), TestUsers.register());
      String name = TestUsers.unique("claim");
      String value = field.equals("email") ? name + "@example.com" : name;
      List<Integer> statuses = race(field, value, racers);
      assertEquals(1, statuses.stream().filter(s -> s == 200).count(), field + " " + statuses);
      assertEquals(1, statuses.stream().filter(s -> s == 409).count(), field + " " + statuses);
      assertEquals(1, rowsWith(field, value), field + " " + value);
    }
  }

  @Test
  void twoUsersClaimingOneNewEmail() throws Exception {
    racesOn("email");
  }

  @Test
  void twoUsersClaimingOneNewUsername() throws Exception {
    racesOn("username");
  }
}
