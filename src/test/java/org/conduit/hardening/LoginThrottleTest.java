package org.conduit.hardening;

import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Failed logins on one account from one address (all tests come from 127.0.0.1), with the
 * configured limit (10 in 10 minutes): a full bucket answers 429 with {@code Retry-After}, whatever
 * the password, and opens again when its window ends. Other addresses and the account-wide bounds
 * are in {@link AccountLockoutTest}, the per-address limits in {@link AddressThrottleTest}.
 */
@QuarkusTest
class LoginThrottleTest {

  private static final int LIMIT = 10;

  @Inject EntityManager em;

  private static ValidatableResponse login(String email, String password) {
    return json(Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then();
  }

  private void endWindowOf(String email) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE throttle_counters SET expires_at = now()"
                            + " WHERE bucket = 'login:account:' || ?1"
                            + " OR starts_with(bucket, 'login:account-address:' || ?1 || ' ')")
                    .setParameter(1, email)
                    .executeUpdate());
  }

  @Test
  void anAccountIsBlockedAfterTenFailuresUntilItsWindowEnds() {
    TestUsers.Account account = TestUsers.register();
    for (int i = 0; i < LIMIT; i++) {
      login(account.email(), "wrong password " + i).statusCode(401);
    }
    String retryAfter =
        login(account.email(), "wrong again")
            .statusCode(429)
            .body("errors.credentials", contains("too many failed attempts, try again later"))
            .extract()
            .header("Retry-After");
    long seconds = Long.parseLong(retryAfter);
    assertTrue(seconds >= 1 && seconds <= 600, retryAfter);
    // Even the right password waits: the attacker learns nothing while the account is blocked.
    login(account.email(), account.password()).statusCode(429);
    // Other accounts from the same address are not affected.
    TestUsers.Account other = TestUsers.register();
    login(other.email(), other.password()).statusCode(200);

    endWindowOf(account.email());
    login(account.email(), account.password()).statusCode(200);
  }

  @Test
  void aSuccessfulLoginForgivesItsAddressesFailures() {
    TestUsers.Account account = TestUsers.register();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < LIMIT - 1; i++) {
        login(account.email(), "wrong password " + i).statusCode(401);
      }
      login(account.email(), account.password()).statusCode(200);
    }
  }

  @Test
  void unknownEmailsAreCountedAlikeSoNothingTellsThemApart() {
    String email = TestUsers.unique("ghost") + "@example.com";
    for (int i = 0; i < LIMIT; i++) {
      login(email, "password " + i).statusCode(401);
    }
    login(email, "password").statusCode(429);
    // The count is per normalised email: another spelling is the same account.
    login(email.toUpperCase(), "password").statusCode(429);
  }

  @Test
  void concurrentAttemptsNeverPassAFullBucket() throws Exception {
    TestUsers.Account account = TestUsers.register();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    int failed = 0;
    int refused = 0;
    try {
      java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < LIMIT + 6; i++) {
        results.add(pool.submit(() -> login(account.email(), "wrong").extract().statusCode()));
      }
      for (java.util.concurrent.Future<Integer> result : results) {
        int status = result.get();
        if (status == 401) {
          failed++;
        } else {
          assertEquals(429, status);
          refused++;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    // Counted before the password is checked, in one statement: exactly the limit gets through.
    assertEquals(LIMIT, failed);
    assertEquals(6, refused);
    login(account.email(), account.password()).statusCode(429);
  }
}
