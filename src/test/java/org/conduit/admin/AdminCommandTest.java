package org.conduit.admin;

import static org.conduit.support.Json.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.conduit.support.Commands;
import org.conduit.support.Commands.Run;
import org.conduit.support.TestUsers;
import org.conduit.user.User;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@QuarkusTest
class AdminCommandTest {

  @Inject CommandLine.IFactory factory;

  private Run run(String... args) {
    return Commands.run(factory, args);
  }

  private static User stored(String email) {
    return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow());
  }

  private static int login(String email, String password) {
    return json(Map.of("user", Map.of("email", email, "password", password)))
        .post("/api/users/login")
        .then()
        .extract()
        .statusCode();
  }

  @Test
  void createsAStaffSuperuserWhoCanLogIn() {
    String name = TestUsers.unique("admin");
    Run run =
        run(
            "create-superuser",
            "--email",
            name.toUpperCase() + "@Example.com",
            "--username",
            name,
            "--password=a long admin passphrase");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("created"), run.out());
    User admin = stored(name + "@example.com");
    assertTrue(admin.superuser && admin.staff && admin.active);
    assertEquals(200, login(name + "@example.com", "a long admin passphrase"));
    assertTrue(!run.out().contains("a long admin passphrase"), "the password is never printed");
    AuditEntry entry = newestAuditEntry();
    assertEquals("create superuser", entry.action);
    assertEquals("user " + name, entry.target);
    assertEquals(Actor.COMMAND_LINE, entry.actor);
  }

  private static AuditEntry newestAuditEntry() {
    return QuarkusTransaction.requiringNew()
        .call(() -> AuditEntry.<AuditEntry>find("order by id desc").firstResult());
  }

  @Test
  void refusesATakenEmail() {
    TestUsers.Account existing = TestUsers.register();
    Run run =
        run(
            "create-superuser",
            "--email",
            existing.email(),
            "--username",
            TestUsers.unique("admin"),
            "--password=a long admin passphrase");
    assertEquals(AdminCommand.REFUSED, run.exitCode());
    assertTrue(run.err().contains("email has already been taken"), run.err());
  }

  @Test
  void refusesBadInputWithTheFieldAndTheReason() {
    Run run =
        run(
            "create-superuser",
            "--email",
            "not-an-email",
            "--username",
            TestUsers.unique("admin"),
            "--password=short");
    assertEquals(AdminCommand.BAD_INPUT, run.exitCode());
    assertTrue(run.err().contains("email is invalid"), run.err());
    assertTrue(run.err().contains("password is too short (minimum is 8 characters)"), run.err());
  }

  @Test
  void missingOptionsAreAUsageError() {
    Run run = run("create-superuser", "--email", "a@example.com");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Missing required option"), run.err());
  }

  @Test
  void deactivatesAndReactivatesAnAccount() {
    TestUsers.Account account = TestUsers.register();
    assertEquals(
        0,
        run("deactivate", "--email", account.email().toUpperCase(), "--reason", "spam").exitCode());
    AuditEntry entry = newestAuditEntry();
    assertEquals(Actor.COMMAND_LINE, entry.actor);
    assertEquals("deactivate", entry.action);
    assertEquals("user " + account.username(), entry.target);
    assertEquals("spam", entry.reason);
    assertEquals(401, login(account.email(), account.password()));
    assertTrue(!stored(account.email()).active);
    assertEquals(0, run("reactivate", "--email", account.email()).exitCode());
    assertEquals(200, login(account.email(), account.password()));
  }

  @Test
  void anUnknownAccountIsRefused() {
    Run run = run("deactivate", "--email", TestUsers.unique("ghost") + "@example.com");
    assertEquals(AdminCommand.REFUSED, run.exitCode());
    assertTrue(run.err().contains("No account has the email"), run.err());
  }
}
