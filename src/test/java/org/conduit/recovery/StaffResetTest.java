package org.conduit.recovery;

import static org.conduit.recovery.PasswordResetTest.NEW_PASSWORD;
import static org.conduit.recovery.PasswordResetTest.confirm;
import static org.conduit.recovery.PasswordResetTest.login;
import static org.conduit.recovery.PasswordResetTest.tokenFromMail;
import static org.conduit.support.Json.json;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import org.conduit.support.Commands;
import org.conduit.support.Commands.Run;
import org.conduit.support.MailServer;
import org.conduit.support.TestUsers;
import org.conduit.support.TestUsers.Account;
import org.conduit.user.NewUser;
import org.conduit.user.UserService;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Staff's side of account recovery: a superuser mails an account a link from the admin API
 * (audited, held to the account's bound), and the command line's {@code set-password}.
 */
@QuarkusTest
@WithTestResource(value = MailServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class StaffResetTest {

  @Inject UserService users;
  @Inject CommandLine.IFactory factory;

  private Account superuser() {
    String name = TestUsers.unique("root");
    String email = name.toLowerCase() + "@example.com";
    users.createSuperuser(new NewUser(email, name, TestUsers.PASSWORD), created -> {});
    return TestUsers.login(email, name);
  }

  private static ValidatableResponse sendLink(Account caller, String username, Object body) {
    return json(caller.auth(), body)
        .post("/api/admin/users/" + username + "/password-reset")
        .then();
  }

  private static Map<String, Object> newestAuditEntry(Account root) {
    return root.auth().get("/api/admin/audit?limit=1").then().extract().path("entries[0]");
  }

  @Test
  void aSuperuserMailsALinkThatWorksAndTheActionIsAudited() {
    Account root = superuser();
    Account account = TestUsers.register();

    sendLink(root, account.username(), Map.of("reason", "asked by phone"))
        .statusCode(202)
        .body("user.username", equalTo(account.username()));

    Map<String, Object> entry = newestAuditEntry(root);
    assertEquals("send password reset", entry.get("action"));
    assertEquals("user " + account.username(), entry.get("target"));
    assertEquals("asked by phone", entry.get("reason"));
    assertEquals(root.username(), entry.get("actor"));

    confirm(tokenFromMail(account.email(), 1), NEW_PASSWORD).statusCode(200);
    assertEquals(200, login(account.email(), NEW_PASSWORD));
  }

  @Test
  void theAccountsBoundHoldsForStaffTooAndDeactivatedAccountsGetNoLink() {
    Account root = superuser();
    Account account = TestUsers.register();
    for (int i = 0; i < 3; i++) {
      sendLink(root, account.username(), Map.of()).statusCode(202);
    }
    sendLink(root, account.username(), Map.of())
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());

    Account gone = TestUsers.register();
    json(root.auth(), Map.of("reason", "spam"))
        .post("/api/admin/users/" + gone.username() + "/deactivate")
        .then()
        .statusCode(200);
    sendLink(root, gone.username(), Map.of())
        .statusCode(409)
        .body("errors.user", contains("is deactivated"));
    sendLink(root, TestUsers.unique("nobody"), Map.of()).statusCode(404);
  }

  private Run run(String... args) {
    return Commands.run(factory, args);
  }

  @Test
  void setPasswordFromTheCommandLineRevokesTokensAndLiftsLocks() {
    Account account = TestUsers.register();
    int status = 0;
    for (int i = 0; i < 20 && status != 429; i++) {
      status = login(account.email(), "wrong password " + i);
    }
    assertEquals(429, status);

    Run run =
        run("set-password", "--email", account.email().toUpperCase(), "--password=" + NEW_PASSWORD);

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains(account.username()), run.out());
    assertFalse(run.out().contains(NEW_PASSWORD), "the password is never printed");
    account.auth().get("/api/user").then().statusCode(401);
    assertEquals(200, login(account.email(), NEW_PASSWORD));
    String action =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    org.conduit.admin.AuditEntry.<org.conduit.admin.AuditEntry>find(
                            "order by id desc")
                        .firstResult()
                        .action);
    assertEquals("set password", action);
  }

  @Test
  void setPasswordRefusesAnUnknownEmailAndAShortPassword() {
    Run unknown =
        run(
            "set-password",
            "--email",
            TestUsers.unique("nobody") + "@example.com",
            "--password=" + NEW_PASSWORD);
    assertEquals(1, unknown.exitCode());
    assertTrue(unknown.err().contains("No account has the email"), unknown.err());

    Account account = TestUsers.register();
    Run shortOne = run("set-password", "--email", account.email(), "--password=short");
    assertEquals(2, shortOne.exitCode());
    assertTrue(shortOne.err().contains("password is too short"), shortOne.err());
    assertEquals(200, login(account.email(), account.password()));
  }
}
