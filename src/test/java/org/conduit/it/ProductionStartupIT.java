package org.conduit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.conduit.common.db.LocalDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service in the production profile, started as an operator would start it: it refuses
 * to start without a strong secret, serves with one, and runs an admin command beside a running
 * server without touching its port.
 */
class ProductionStartupIT {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  /** Its own schema, dropped before the run, beside the test schema of this checkout. */
  private static final String SCHEMA =
      System.getenv().getOrDefault("CONDUIT_TEST_SCHEMA", "conduit_test") + "_it";

  private static final String SECRET = "it-only-secret-" + UUID.randomUUID();

  /** The server of this run: the one the tests use (LocalDatabase), or the URL configured. */
  private static String database;

  @BeforeAll
  static void freshSchema() throws Exception {
    database = LocalDatabase.url();
    try (Connection db = DriverManager.getConnection(database, "postgres", "");
        Statement sql = db.createStatement()) {
      sql.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  private static Map<String, String> databaseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", database + "?currentSchema=" + SCHEMA);
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
    return env;
  }

  private static Process start(Map<String, String> env, Path log, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().remove("CONDUIT_JWT_SECRET");
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.environment().putAll(env);
    return builder.start();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String runToExit(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile("conduit-it", ".log");
    Process process = start(env, log, args);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends by itself");
    String output = Files.readString(log);
    return process.exitValue() + "\n" + output;
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
  void servesWithAStrongSecretAndRunsAdminCommandsBesideIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> env = databaseEnv();
    env.put("CONDUIT_JWT_SECRET", SECRET);
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    Path log = Files.createTempFile("conduit-it", ".log");
    Process server = start(env, log);
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI base = URI.create("http://127.0.0.1:" + port);
      HttpResponse<String> missing = awaitUp(http, base.resolve("/api/user"), server, log);
      assertEquals(401, missing.statusCode());
      assertEquals("{\"errors\":{\"token\":[\"is missing\"]}}", missing.body());

      String name = "it" + UUID.randomUUID().toString().substring(0, 12).replace("-", "");
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(base.resolve("/api/users"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"user\":{\"email\":\""
                              + name
                              + "@example.com\",\"username\":\""
                              + name
                              + "\",\"password\":\"password1\"}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, created.statusCode(), created.body());

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
      HttpResponse<String> ready = get(http, base.resolve("/q/health/ready"));
      assertEquals(503, ready.statusCode(), ready.body());
      assertEquals(401, get(http, base.resolve("/api/user")).statusCode());
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

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> awaitUp(HttpClient http, URI uri, Process server, Path log)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("the server stopped:\n" + Files.readString(log));
      }
      try {
        return http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the server did not answer within 60 s:\n" + Files.readString(log));
  }
}
