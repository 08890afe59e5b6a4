package org.conduit.common.db;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The process that stops a {@link LocalDatabase} server once the JVM that started it, or that JVM's
 * parent (Maven), is gone: a JVM killed outright runs no shutdown hook, and the server, which
 * pg_ctl starts in a session of its own, would run on. A JVM of its own with nothing but this class
 * on its class path, so it uses the JDK only: no logging, no other class of ours.
 *
 * <p>Arguments: the PIDs of the JVM, its parent and the postmaster; the data directory; {@code
 * remove} to delete that directory once the server is stopped (temporary data).
 */
final class LocalDatabaseWatchdog {

  private LocalDatabaseWatchdog() {}

  public static void main(String[] args) throws Exception {
    ignoreSignals();
    ProcessHandle jvm = handle(args[0]);
    ProcessHandle parent = handle(args[1]);
    ProcessHandle postmaster = handle(args[2]);
    Path data = Path.of(args[3]);
    boolean remove = args.length > 4 && args[4].equals("remove");
    // Polled rather than onExit(): for a process that is not our child, onExit polls too, but at
    // intervals that grow to 5 s.
    while (running(jvm) && running(parent) && running(postmaster)) {
      Thread.sleep(1000);
    }
    if (running(postmaster)) {
      stop(postmaster, data);
    }
    if (remove && !running(postmaster)) {
      delete(data);
    }
  }

  /**
   * Ignores the signals a terminal sends its whole foreground process group on Ctrl-C (INT) and
   * when it closes (HUP), and TERM, so that this process outlives the JVM to do its work. Through
   * reflection: javac warns at every mention of sun.misc.Signal, and no annotation silences it.
   */
  private static void ignoreSignals() {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handler);
      Object ignore = handler.getField("SIG_IGN").get(null);
      for (String name : List.of("INT", "TERM", "HUP")) {
        try {
          handle.invoke(null, signal.getConstructor(String.class).newInstance(name), ignore);
        } catch (InvocationTargetException unknown) {
          // not a signal of this platform: HUP on Windows
        }
      }
    } catch (ReflectiveOperationException e) {
      // a JDK without sun.misc: the signals stop this process
    }
  }

  /** The process of a PID, or null when there is none. */
  private static ProcessHandle handle(String pid) {
    return ProcessHandle.of(Long.parseLong(pid)).orElse(null);
  }

  /**
   * Whether a process still runs. A handle knows its process's start time, so a reused PID is not
   * alive; but a process that has exited and is not yet reaped (a zombie: in a container, PID 1 may
   * reap orphans late or never) is, and Linux's /proc tells it apart.
   */
  private static boolean running(ProcessHandle process) {
    if (process == null || !process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return true; // no /proc: not Linux
    }
  }

  private static boolean awaitExit(ProcessHandle process, int seconds) throws InterruptedException {
    for (int i = 0; i < seconds * 10 && running(process); i++) {
      Thread.sleep(100);
    }
    return !running(process);
  }

  /**
   * A fast shutdown: clients disconnected, nothing to recover at the next start. On Unix that is
   * SIGINT, which Java cannot send (destroy() is SIGTERM, a smart shutdown that waits for the
   * clients of a JVM that may still live), hence the shell's {@code kill} (not every Linux has a
   * /bin/kill); pg_ctl would need zonky's {@code unshare -U} under root. Windows has no signals:
   * its pg_ctl, beside postgres.exe. SIGKILL if the server is still up 30 s later.
   */
  private static void stop(ProcessHandle postmaster, Path data) throws InterruptedException {
    String postgres = postmaster.info().command().orElse("");
    if (!postgres.isEmpty() && !Path.of(postgres).getFileName().toString().startsWith("postgres")) {
      return; // not a PostgreSQL server: never signal a stranger
    }
    List<String> command =
        postgres.endsWith(".exe")
            ? List.of(
                Path.of(postgres).resolveSibling("pg_ctl.exe").toString(),
                "stop",
                "-D",
                data.toString(),
                "-m",
                "fast",
                "-W")
            : List.of("sh", "-c", "kill -INT " + postmaster.pid());
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(Redirect.DISCARD)
              .redirectError(Redirect.DISCARD)
              .start();
      process.getOutputStream().close();
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no such program: SIGKILL below
    }
    if (!awaitExit(postmaster, 30)) {
      postmaster.destroyForcibly();
      awaitExit(postmaster, 10);
    }
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
