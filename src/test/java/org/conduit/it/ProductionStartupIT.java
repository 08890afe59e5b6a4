package org.conduit.it;

import static org.conduit.it.PackagedService.awaitUp;
import static org.conduit.it.PackagedService.freePort;
import static org.conduit.it.PackagedService.get;
import static org.conduit.it.PackagedService.register;
import static org.conduit.it.PackagedService.runToExit;
import static org.conduit.it.PackagedService.send;
import static org.conduit.it.PackagedService.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in the production profile, started as an operator would start it: it refuses
 * to start without a strong secret or with a setting out of range, serves with one, and runs an
 * admin command beside a running server without touching its port.
 */
class ProductionStartupIT {

  /** Its own schema, emptied before the run, beside the test schema of this checkout. */
  private static final String SCHEMA =
      System.getenv().getOrDefault("CONDUIT_TEST_SCHEMA", "conduit_test") + "_it";

  private static final String SECRET = "it-only-secret-" + UUID.randomUUID();

  private static Map<String, String> database;

  @BeforeAll
  static void freshSchema() throws Exception {
    database = PackagedService.freshDatabase(SCHEMA);
  }

  private static Map<String, String> databaseEnv() {
    return new HashMap<>(database);
  }

  @Test
  void refusesToStartWithoutADatabaseUrlInOneLine() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    String result = runToExit(env);
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(result.contains("QUARKUS_DATASOURCE_JDBC_URL is not set"), result);
    assertFalse(result.contains("\tat "), "no stack trace:\n" + result);
    assertFalse(result.contains("Started a local PostgreSQL"), "production starts no database");
  }

  @Test
  void refusesToStartWithoutASecret() throws Exception {
    String result = runToExit(databaseEnv());
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(result.contains("CONDUIT_JWT_SECRET is not set"), result);
  }

  @Test
  void refusesToStartWithAShortSecret() throws Exception {
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", "only-twenty-bytes!!!");
    String result = runToExit(env);
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(result.contains("CONDUIT_JWT_SECRET is too short: 20 bytes"), result);
    assertFalse(result.contains("only-twenty-bytes"), "the secret is never logged");
  }

  @Test
  void refusesToStartWithASettingOutOfRange() throws Exception {
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    env.put("CONDUIT_PASSWORD_BCRYPT_COST", "9");
    String result = runToExit(env);
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(
        result.contains("conduit.password.bcrypt-cost must be greater than or equal to 10"),
        result);
  }

  @Test
  void refusesToStartWithAShortAddressKey() throws Exception {
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    env.put("CONDUIT_THROTTLE_ADDRESS_KEY", "twenty-bytes-exactly");
    String result = runToExit(env);
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(result.contains("conduit.throttle.address-key is too short: 20 bytes"), result);
    assertFalse(result.contains("twenty-bytes-exactly"), "the key is never logged");
  }

  @Test
  void refusesToStartWithAResetLinkThatIsNotAnAbsoluteUrlWithTheToken() throws Exception {
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    env.put("CONDUIT_PASSWORD_RESET_LINK", "/reset?token={token}");
    String result = runToExit(env);
    assertFalse(result.startsWith("0\n"), result);
    assertTrue(result.contains("is not an absolute http(s) URL with {token} in it"), result);
  }

  @Test
  void servesWithAStrongSecretAndRunsAdminCommandsBesideIt() throws Exception {
    int port = freePort();
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Path log = Files.createTempFile("conduit-it", ".log");
    Process server = start(env, log);
    try {
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> missing = awaitUp(base.resolve("/api/user"), server, log);
      assertEquals(401, missing.statusCode());
      assertEquals("{\"errors\":{\"token\":[\"is missing\"]}}", missing.body());

      String name = "it" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
      HttpResponse<String> created = register(base, name, "password1");
      assertEquals(201, created.statusCode(), created.body());

      // No CONDUIT_PUBLIC_URL: no link can be made, so resets are refused, for every email alike.
      HttpResponse<String> reset =
          send(
              "POST",
              base.resolve("/api/users/password-reset"),
              null,
              "{\"user\":{\"email\":\"" + name + "@example.com\"}}");
      assertEquals(503, reset.statusCode(), reset.body());
      assertEquals(
          "{\"errors\":{\"password-reset\":[\"is not configured on this server\"]}}", reset.body());

      String admin =
          runToExit(
              env,
              "create-superuser",
              "--email",
              "admin-" + name + "@example.com",
              "--username",
              "admin-" + name,
              "--password=an admin passphrase");
      assertTrue(admin.startsWith("0\n"), admin);
      assertTrue(admin.contains("created"), admin);
      assertTrue(server.isAlive(), "the server kept running");

      // SIGTERM: readiness turns DOWN at once while requests are still served during the
      // shutdown delay; then the process ends cleanly by itself.
      server.destroy();
      HttpResponse<String> ready = get(base.resolve("/q/health/ready"), null);
      assertEquals(503, ready.statusCode(), ready.body());
      assertEquals(401, get(base.resolve("/api/user"), null).statusCode());
      assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stops by itself");
      String output = Files.readString(log);
      // 143 = 128 + SIGTERM: the JVM's own status after running its shutdown hooks.
      assertTrue(
          server.exitValue() == 0 || server.exitValue() == 143,
          "exit " + server.exitValue() + "\n" + output);
      assertTrue(output.contains("conduit stopped in"), output);
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log);
    assertFalse(output.contains(SECRET), "the secret is never logged");
    assertFalse(output.contains("password1"), "passwords are never logged");
  }
}
