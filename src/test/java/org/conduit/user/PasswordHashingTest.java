package org.conduit.user;

import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.conduit.common.error.ApiException;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/** Where password hashing runs, and what a client hears when the hashing pool is full. */
@QuarkusTest
class PasswordHashingTest {

  @InjectSpy PasswordHasher hasher;

  @Test
  void loginHashesOnAWorkerThreadNeverOnAnEventLoop() {
    TestUsers.Account account = TestUsers.register();
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Boolean> blockingAllowed = new CopyOnWriteArrayList<>();
    doAnswer(
            call -> {
              threads.add(Thread.currentThread().getName());
              blockingAllowed.add(BlockingOperationControl.isBlockingAllowed());
              return call.callRealMethod();
            })
        .when(hasher)
        .verify(any(), any());

    json(Map.of("user", Map.of("email", account.email(), "password", account.password())))
        .post("/api/users/login")
        .then()
        .statusCode(200);

    assertEquals(List.of(true), blockingAllowed, threads.toString());
    assertFalse(threads.get(0).contains("eventloop"), threads.get(0));
    assertTrue(threads.get(0).startsWith("executor-thread"), threads.get(0));
  }

  @Test
  void aFullHashingPoolIsA503WithRetryAfter() {
    doThrow(ApiException.unavailable("server", "is busy, try again shortly", 1))
        .when(hasher)
        .verify(any(), any());

    json(Map.of("user", Map.of("email", "someone@example.com", "password", "password1")))
        .post("/api/users/login")
        .then()
        .statusCode(503)
        .header("Retry-After", "1")
        .body("errors.server[0]", equalTo("is busy, try again shortly"));
  }
}
