package org.conduit;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The settings of a run that executes one administration command ({@link ConduitMain} with
 * arguments) rather than serving: no HTTP port, no caches (nothing is read twice, so no connection
 * listening for changes either), no banner, warnings and errors only, and no graceful-shutdown
 * delay (it is for load balancers, and no port was opened). Like Django's {@code manage.py}
 * commands, the terminal shows the command's answer and little else. Above application.properties,
 * below the environment, which can still say otherwise.
 */
public class CommandModeConfigSource implements ConfigSource {

  private static final Map<String, String> SETTINGS =
      Map.of(
          "quarkus.http.host-enabled", "false",
          "conduit.cache.enabled", "false",
          "quarkus.banner.enabled", "false",
          "quarkus.log.level", "WARN",
          "quarkus.shutdown.delay", "0S");

  /** Set by {@link ConduitMain#main} before Quarkus starts, when it was given arguments. */
  static volatile boolean commandMode;

  @Override
  public Set<String> getPropertyNames() {
    return commandMode ? SETTINGS.keySet() : Set.of();
  }

  @Override
  public String getValue(String name) {
    return commandMode ? SETTINGS.get(name) : null;
  }

  @Override
  public String getName() {
    return "conduit's administration command mode";
  }

  @Override
  public int getOrdinal() {
    return 275;
  }
}
