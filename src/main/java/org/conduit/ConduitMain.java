package org.conduit;

import io.quarkus.arc.InactiveBeanException;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.conduit.admin.AdminCommand;
import org.conduit.common.error.Causes;
import org.jboss.logging.Logger;
import picocli.CommandLine;

/**
 * Entry point. Without arguments the service runs until it is stopped; with arguments it runs one
 * administration command (see {@link AdminCommand}) against the configured database and exits,
 * without opening the HTTP port.
 */
@QuarkusMain
public class ConduitMain implements QuarkusApplication {

  @Inject CommandLine.IFactory factory;

  public static void main(String... args) {
    CommandModeConfigSource.commandMode = args.length > 0;
    Quarkus.run(ConduitMain.class, ConduitMain::exit, args);
  }

  /**
   * Names the one setting an operator most often forgets, then ends as Quarkus would: with no
   * datasource URL, Quarkus leaves the datasource inactive and fails on the first bean that needs
   * it, with a long message about beans. (Dev mode and tests never get here without one: they start
   * a database of their own.) Quarkus's default handler exits, or in dev mode waits for a restart.
   */
  private static void exit(int code, Throwable failure) {
    if (Causes.first(
            failure,
            t ->
                t instanceof InactiveBeanException
                    && String.valueOf(t.getMessage()).contains("jdbc.url"))
        != null) {
      System.err.println(
          "QUARKUS_DATASOURCE_JDBC_URL is not set: the service needs its PostgreSQL database,"
              + " e.g. jdbc:postgresql://db.example.com:5432/conduit (README, \"Configuration\").");
      ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, null);
      return;
    }
    if (failure != null) {
      // What Quarkus logs itself when no exit handler is given.
      Logger.getLogger(ConduitMain.class)
          .error("Failed to start application", Causes.root(failure));
    }
    ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
  }

  @Override
  public int run(String... args) {
    if (args.length == 0) {
      Quarkus.waitForExit();
      return 0;
    }
    return new CommandLine(AdminCommand.class, factory).execute(args);
  }
}
