package org.conduit.hardening;

import static io.restassured.RestAssured.given;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.support.CapturedLog;
import org.conduit.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * A stranger cannot lock an owner out (docs/hardening.md, "Throttling"): failures count per account
 * and address, per account, and per address, and the addresses the owner signed in from are not
 * refused by the account-wide bound that strangers fill. Clients are told apart by {@code
 * X-Forwarded-For} from 127.0.0.1, a trusted proxy in this profile; each test uses addresses of its
 * own, so tests run in any order.
 */
@QuarkusTest
@TestProfile(AccountLockoutTest.BehindAProxy.class)
class AccountLockoutTest {

  public static class BehindAProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
          "conduit.throttle.login-failures-per-address", "50");
    }
  }

  private static final String REFUSED = "too many failed attempts, try again later";

  /** An address no other test uses: 10.x.y.z at random. */
  private static String newAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  private static ValidatableResponse login(String from, String email, String password) {
    return json(
            given().header("X-Forwarded-For", from),
            Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then();
  }

  private static double refused(String reason) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher value =
        Pattern.compile(
                "(?m)^conduit_throttle_refused_total\\{[^}]*reason=\"" + reason + "\"[^}]*} (\\S+)")
            .matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  @Test
  void anAddressThatFailsOnAnAccountIsRefusedThereAndOnlyThere() {
    TestUsers.Account x = TestUsers.register();
    String a = newAddress();
    double before = refused("account_address");
    for (int i = 0; i < 10; i++) {
      login(a, x.email(), "wrong password " + i).statusCode(401);
    }
    for (int i = 0; i < 2; i++) {
      String retryAfter =
          login(a, x.email(), x.password())
              .statusCode(429)
              .body("errors.credentials", contains(REFUSED))
              .extract()
              .header("Retry-After");
      long seconds = Long.parseLong(retryAfter);
      assertTrue(seconds >= 1 && seconds <= 600, retryAfter);
    }
    assertEquals(before + 2, refused("account_address"));
    // B has never been seen: it signs in.
    login(newAddress(), x.email(), x.password()).statusCode(200);
    // A is not refused on other accounts.
    TestUsers.Account other = TestUsers.register();
    login(a, other.email(), other.password()).statusCode(200);
  }

  @Test
  void strangersFillingTheAccountBoundDoNotLockTheOwnerOut() {
    TestUsers.Account x = TestUsers.register();
    String owner = newAddress();
    login(owner, x.email(), x.password()).statusCode(200);
    CapturedLog log = CapturedLog.start();
    int failed = 0;
    int refusedAttempts = 0;
    try {
      for (int address = 0; address < 11; address++) {
        String stranger = newAddress();
        for (int i = 0; i < 10; i++) {
          int status =
              login(stranger, x.email(), "guess " + address + "-" + i).extract().statusCode();
          if (status == 401) {
            failed++;
          } else {
            assertEquals(429, status);
            refusedAttempts++;
          }
        }
      }
    } finally {
      log.stop();
    }
    // 40 failures an hour from addresses the account does not know; then they are refused.
    assertEquals(40, failed);
    assertEquals(70, refusedAttempts);
    login(newAddress(), x.email(), x.password())
        .statusCode(429)
        .body("errors.credentials", contains(REFUSED));
    login(owner, x.email(), x.password()).statusCode(200);

    // One line for the lock: the account's id and the network, no address, no password.
    String text = log.text();
    assertEquals(1, text.split("Login throttle: account " + x.id() + " ", -1).length - 1, text);
    assertTrue(text.contains("10."), text);
    assertFalse(text.matches("(?s).*\\b10\\.\\d+\\.\\d+\\.\\d+\\b.*"), "no full address: " + text);
    assertFalse(text.contains("guess "), "no password: " + text);
  }

  @Test
  void oneAddressFailingOnManyAccountsIsRefusedByTheAddressBound() {
    String sprayer = newAddress();
    double before = refused("address");
    int failed = 0;
    for (int i = 0; i < 60; i++) {
      String email = TestUsers.unique("spray") + "@example.com";
      int status = login(sprayer, email, "password1").extract().statusCode();
      if (status == 401) {
        failed++;
      } else {
        assertEquals(429, status);
      }
    }
    assertEquals(50, failed);
    assertEquals(before + 10, refused("address"));
    // Another address is not affected.
    login(newAddress(), TestUsers.unique("spray") + "@example.com", "password1").statusCode(401);
  }

  @Test
  void theAddressThatRegisteredIsTheOwners() {
    String home = newAddress();
    String name = TestUsers.unique("home");
    json(
            given().header("X-Forwarded-For", home),
            Map.of(
                "user",
                Map.of("email", name + "@example.com", "username", name, "password", "password1")))
        .post("/api/users")
        .then()
        .statusCode(201);
    for (int address = 0; address < 4; address++) {
      String stranger = newAddress();
      for (int i = 0; i < 10; i++) {
        login(stranger, name + "@example.com", "guess " + i).statusCode(401);
      }
    }
    login(newAddress(), name + "@example.com", "password1").statusCode(429);
    login(home, name + "@example.com", "password1").statusCode(200);
  }
}
