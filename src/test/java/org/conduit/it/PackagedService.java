package org.conduit.it;

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
import java.util.concurrent.TimeUnit;
import org.conduit.common.db.LocalDatabase;

/**
 * The packaged service (target/quarkus-app, prod profile) run as an operator runs it, for the
 * integration tests: its environment, its processes, and HTTP calls to it, in a database schema of
 * the test's own.
 */
final class PackagedService {

  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PackagedService() {}

  /**
   * The environment of a service in {@code schema}, emptied first (dropped if it was there): on the
   * server the tests were given (QUARKUS_DATASOURCE_JDBC_URL or -Dquarkus.datasource.jdbc.url), or
   * else on the tests' own.
   */
  static Map<String, String> freshDatabase(String schema) throws Exception {
    String configured =
        System.getProperty(
            "quarkus.datasource.jdbc.url", System.getenv("QUARKUS_DATASOURCE_JDBC_URL"));
    String database =
        configured == null ? LocalDatabase.url() : configured.replaceFirst("\\?.*$", "");
    try (Connection db = DriverManager.getConnection(database, "postgres", "");
        Statement sql = db.createStatement()) {
      sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_DATASOURCE_JDBC_URL", database + "?currentSchema=" + schema);
    env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
    env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
    return env;
  }

  /**
   * The packaged application with {@code args}, its output in {@code log}; nothing of this JVM's
   * environment about the secret or the database reaches it but what {@code env} says.
   */
  static Process start(Map<String, String> env, Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().remove("CONDUIT_JWT_SECRET");
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.environment().putAll(env);
    return builder.start();
  }

  /** A command's exit code, a line break, and its output. */
  static String runToExit(Map<String, String> env, String... args) throws Exception {
    Path log = Files.createTempFile("conduit-it", ".log");
    Process process = start(env, log, args);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process ends by itself");
    String output = Files.readString(log);
    return process.exitValue() + "\n" + output;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The first answer of {@code uri}, once the server listens (within 60 s). */
  static HttpResponse<String> awaitUp(URI uri, Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("the server stopped:\n" + Files.readString(log));
      }
      try {
        return get(uri, null);
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the server did not answer within 60 s:\n" + Files.readString(log));
  }

  static HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      request.header("Authorization", "Token " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON request, with the token when there is one and {@code headers} as name, value pairs. */
  static HttpResponse<String> send(
      String method, URI uri, String token, String json, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Token " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Registers {@code name}, with the email {@code name@example.com}. */
  static HttpResponse<String> register(URI base, String name, String password) throws Exception {
    return send(
        "POST",
        base.resolve("/api/users"),
        null,
        "{\"user\":{\"email\":\""
            + name
            + "@example.com\",\"username\":\""
            + name
            + "\",\"password\":\""
            + password
            + "\"}}");
  }
}
