package org.conduit;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.conduit.admin.AdminCommand;
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
    if (args.length > 0) {
      System.setProperty("quarkus.http.host-enabled", "false");
      // A command serves no reads: no caches, so no connection listening for changes either.
      System.setProperty("conduit.cache.enabled", "false");
    }
    Quarkus.run(ConduitMain.class, args);
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
