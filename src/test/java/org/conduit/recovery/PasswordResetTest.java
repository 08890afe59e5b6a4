package org.conduit.recovery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.support.CapturedLog;
import org.conduit.support.MailServer;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.junit.jupiter.api.Test;

/**
 * Account recovery end to end against a real SMTP server: the mail, its link, and every rule of the
 * link's token (docs/account-recovery.md), each in a test of its own.
 */
@QuarkusTest
@WithTestResource(value = MailServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PasswordResetTest {

  static final String NEW_PASSWORD = "a brand new passphrase";
  private static final Pattern LINK =
      Pattern.compile("http://localhost:8081/account/reset#token=([A-Za-z0-9_-]{43})");

  @Inject AgroalDataSource dataSource;
  @Inject RecoverySettings settings;

  static ValidatableResponse requestReset(String email) {
    return json(Map.of("user", Map.of("email", email))).post("/api/users/password-reset").then();
  }

  static ValidatableResponse confirm(String token, String password) {
    return json(Map.of("user", Map.of("token", token, "password", password)))
        .post("/api/users/password-reset/confirm")
        .then();
  }

  static int login(String email, String password) {
    return json(Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then()
        .extract()
        .statusCode();
  }

  /** The {@code n}th mail (from 1) to {@code address}, waited for. */
  static MimeMessage mail(String address, int n) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> MailServer.mailsTo(address), mails -> mails.size() >= n)
        .get(n - 1);
  }

  /** The token of the link in the {@code n}th mail to {@code address}. */
  static String tokenFromMail(String address, int n) {
    Matcher link = LINK.matcher(MailServer.text(mail(address, n)));
    assertTrue(link.find(), "the mail holds a link to the reset page");
    return link.group(1);
  }

  /** Asks for a reset of {@code account} and returns the token its mail brings. */
  static String resetToken(Account account) {
    int before = MailServer.mailsTo(account.email()).size();
    requestReset(account.email()).statusCode(202);
    return tokenFromMail(account.email(), before + 1);
  }

  private void sql(String statement, long userId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(statement)) {
      update.setLong(1, userId);
      update.executeUpdate();
    }
  }

  @Test
  void theMailArrivesAndItsLinkSetsTheNewPasswordAndSignsIn() throws Exception {
    Account account = TestUsers.register();
    requestReset(account.email().toUpperCase())
        .statusCode(202)
        .body("user.email", equalTo(account.email()));

    MimeMessage mail = mail(account.email(), 1);
    assertEquals("Reset your Conduit password", mail.getSubject());
    assertEquals("conduit@example.com", mail.getFrom()[0].toString());
    String token = tokenFromMail(account.email(), 1);

    confirm(token, NEW_PASSWORD)
        .statusCode(200)
        .body("user.email", equalTo(account.email()))
        .body("user.username", equalTo(account.username()))
        .body("user.token", notNullValue());
    assertEquals(200, login(account.email(), NEW_PASSWORD));
    assertEquals(401, login(account.email(), account.password()));
  }

  @Test
  void theResetSignsInAndRevokesEveryEarlierToken() {
    Account account = TestUsers.register();
    Account otherSession = TestUsers.login(account.email(), account.username());
    String token = resetToken(account);

    String signedIn = confirm(token, NEW_PASSWORD).statusCode(200).extract().path("user.token");

    account.auth().get("/api/user").then().statusCode(401);
    otherSession.auth().get("/api/user").then().statusCode(401);
    given()
        .header("Authorization", "Token " + signedIn)
        .get("/api/user")
        .then()
        .statusCode(200)
        .body("user.username", equalTo(account.username()));
  }

  @Test
  void unknownAndDeactivatedEmailsGetTheSameAnswerAndNoMail() throws Exception {
    Account deactivated = TestUsers.register();
    sql("UPDATE users SET is_active = false WHERE id = ?", deactivated.id());
    Account control = TestUsers.register();
    String unknown = TestUsers.unique("nobody") + "@example.com";

    for (String email : List.of(unknown, deactivated.email(), control.email())) {
      String body = requestReset(email).statusCode(202).extract().asString();
      assertEquals("{\"user\":{\"email\":\"" + email + "\"}}", body);
    }
    mail(control.email(), 1);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                MailServer.mailsTo(unknown).isEmpty()
                    && MailServer.mailsTo(deactivated.email()).isEmpty());
  }

  @Test
  void aLinkWorksOnce() throws Exception {
    Account account = TestUsers.register();
    String token = resetToken(account);
    confirm(token, NEW_PASSWORD).statusCode(200);
    // The reset raised the account's token version, which alone would void the link: the link is
    // brought up to date, so that only its use stands in the way.
    sql(
        "UPDATE password_resets SET token_version ="
            + " (SELECT token_version FROM users WHERE id = user_id) WHERE user_id = ?",
        account.id());
    confirm(token, "yet another passphrase")
        .statusCode(422)
        .body("errors.token", contains(AccountRecovery.UNUSABLE));
    assertEquals(200, login(account.email(), NEW_PASSWORD));
  }

  @Test
  void aLinkExpiresAfterItsValidity() throws Exception {
    Account account = TestUsers.register();
    String token = resetToken(account);
    long validity = settings.validity().toSeconds();
    // The database's clock moved on: the link was sent just within its validity...
    sql(
        "UPDATE password_resets SET created_at = now() - make_interval(secs => "
            + (validity - 60)
            + ") WHERE user_id = ?",
        account.id());
    String second = resetToken(account);
    sql(
        "UPDATE password_resets SET created_at = now() - make_interval(secs => "
            + (validity - 60)
            + ") WHERE user_id = ?",
        account.id());
    confirm(second, NEW_PASSWORD).statusCode(200);
    // ...and a link sent just past it is refused.
    Account other = TestUsers.register();
    String late = resetToken(other);
    sql(
        "UPDATE password_resets SET created_at = now() - make_interval(secs => "
            + (validity + 1)
            + ") WHERE user_id = ?",
        other.id());
    confirm(late, NEW_PASSWORD)
        .statusCode(422)
        .body("errors.token", contains(AccountRecovery.UNUSABLE));
    assertEquals(200, login(other.email(), other.password()));
    assertFalse(token.equals(second));
  }

  @Test
  void aPasswordChangeVoidsTheLink() {
    Account account = TestUsers.register();
    String token = resetToken(account);
    json(account.auth(), Map.of("user", Map.of("password", "changed in the app")))
        .put("/api/user")
        .then()
        .statusCode(200);
    confirm(token, NEW_PASSWORD)
        .statusCode(422)
        .body("errors.token", contains(AccountRecovery.UNUSABLE));
    assertEquals(200, login(account.email(), "changed in the app"));
  }

  @Test
  void anEmailChangeVoidsTheLink() {
    Account account = TestUsers.register();
    String token = resetToken(account);
    String newEmail = TestUsers.unique("moved") + "@example.com";
    json(account.auth(), Map.of("user", Map.of("email", newEmail)))
        .put("/api/user")
        .then()
        .statusCode(200);
    confirm(token, NEW_PASSWORD).statusCode(422);
  }

  @Test
  void aDeactivationVoidsTheLink() throws Exception {
    Account account = TestUsers.register();
    String token = resetToken(account);
    // Deactivated behind the service's back, without touching the token version: the link must
    // still be refused.
    sql("UPDATE users SET is_active = false WHERE id = ?", account.id());
    confirm(token, NEW_PASSWORD)
        .statusCode(422)
        .body("errors.token", contains(AccountRecovery.UNUSABLE));
  }

  @Test
  void aNewerLinkSupersedesTheEarlierOne() {
    Account account = TestUsers.register();
    String first = resetToken(account);
    String second = resetToken(account);
    confirm(first, NEW_PASSWORD)
        .statusCode(422)
        .body("errors.token", contains(AccountRecovery.UNUSABLE));
    confirm(second, NEW_PASSWORD).statusCode(200);
  }

  @Test
  void tamperedAndMadeUpTokensAreRefused() {
    Account account = TestUsers.register();
    String token = resetToken(account);
    char last = token.charAt(10);
    String tampered = token.substring(0, 10) + (last == 'A' ? 'B' : 'A') + token.substring(11);
    for (String wrong : List.of(tampered, token + "A", token.substring(1), "not a token", "x")) {
      confirm(wrong, NEW_PASSWORD)
          .statusCode(422)
          .body("errors.token", contains(AccountRecovery.UNUSABLE));
    }
    confirm(token, NEW_PASSWORD).statusCode(200);
  }

  @Test
  void theUsualRulesApplyToTheNewPassword() {
    Account account = TestUsers.register();
    String token = resetToken(account);
    confirm(token, "short")
        .statusCode(422)
        .body("errors.password", contains("is too short (minimum is 8 characters)"));
    json(Map.of("user", Map.of("password", NEW_PASSWORD)))
        .post("/api/users/password-reset/confirm")
        .then()
        .statusCode(422)
        .body("errors.token", contains("can't be blank"));
    requestReset("not an email").statusCode(422).body("errors.email", contains("is invalid"));
    // None of these used the link.
    confirm(token, NEW_PASSWORD).statusCode(200);
  }

  @Test
  void theResetLiftsTheLoginLocksOnTheAccount() {
    Account account = TestUsers.register();
    int status = 0;
    for (int i = 0; i < 20 && status != 429; i++) {
      status = login(account.email(), "wrong password " + i);
    }
    assertEquals(429, status, "ten failures lock this address out of the account");
    assertEquals(429, login(account.email(), account.password()));

    confirm(resetToken(account), NEW_PASSWORD).statusCode(200);

    assertEquals(200, login(account.email(), NEW_PASSWORD));
  }

  @Test
  void anAccountGetsAFewMailsAnHourWhoeverAsksAndSoDoesAnUnknownEmail() {
    Account account = TestUsers.register();
    String unknown = TestUsers.unique("nobody") + "@example.com";
    for (String email : List.of(account.email(), unknown)) {
      for (int i = 0; i < 3; i++) {
        requestReset(email).statusCode(202);
      }
      String retryAfter =
          requestReset(email)
              .statusCode(429)
              .body("errors.request", contains("too many password-reset requests, try again later"))
              .extract()
              .header("Retry-After");
      assertTrue(Long.parseLong(retryAfter) > 0);
    }
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(20))
        .until(() -> MailServer.mailsTo(account.email()).size() == 3);
  }

  @Test
  void aMailServerThatIsDownHoldsNoRequestAndTheMailIsRetried() {
    answersAtOnceAndRetriesWhile(MailServer::down);
  }

  @Test
  void aMailServerThatNeverAnswersHoldsNoRequestAndTheMailIsRetried() {
    // Each attempt times out (2 s in this test) and counts as failed.
    answersAtOnceAndRetriesWhile(MailServer::hanging);
  }

  /**
   * With the mail server broken by {@code breakIt}, a reset request is answered at once and the
   * rest of the API goes on; the failed attempt is counted, and the mail reaches the server once it
   * is back.
   */
  private static void answersAtOnceAndRetriesWhile(Runnable breakIt) {
    Account account = TestUsers.register();
    double failedBefore = failedAttempts();
    breakIt.run();
    try {
      long started = System.nanoTime();
      requestReset(account.email()).statusCode(202);
      assertTrue(
          Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000,
          "the answer does not wait for the mail server");
      TestUsers.register();
      given().get("/api/tags").then().statusCode(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts() > failedBefore);
    } finally {
      MailServer.up();
    }
    tokenFromMail(account.email(), 1);
  }

  @Test
  void aMailGivenUpIsLoggedWithoutItsTokenOrAddressAndCounted() {
    Account account = TestUsers.register();
    double failedBefore = metric("conduit_password_reset_mails_total{outcome=\"failed\"}");
    CapturedLog log = CapturedLog.start();
    MailServer.down();
    try {
      requestReset(account.email()).statusCode(202);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  metric("conduit_password_reset_mails_total{outcome=\"failed\"}") > failedBefore);
    } finally {
      MailServer.up();
      log.stop();
    }
    String text = log.text();
    assertTrue(text.contains("given up after"), text);
    assertFalse(text.contains(account.email()), "no address in the log");
    assertFalse(text.contains("token="), "no link in the log");
  }

  @Test
  void theResetPageIsServedWithAStrictContentSecurityPolicy() {
    for (String path : List.of("/account/reset", "/account/reset/")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .contentType(org.hamcrest.Matchers.containsString("text/html"))
          .header(
              "Content-Security-Policy",
              org.hamcrest.Matchers.containsString("default-src 'none'; script-src 'self'"))
          .header("X-Frame-Options", "DENY")
          .header("Referrer-Policy", "no-referrer")
          .body(org.hamcrest.Matchers.containsString("/account/reset/reset.js"));
    }
    given().get("/account/reset/reset.js").then().statusCode(200);
  }

  static double failedAttempts() {
    return metric("conduit_password_reset_mail_failed_attempts_total");
  }

  static double metric(String series) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }
}
