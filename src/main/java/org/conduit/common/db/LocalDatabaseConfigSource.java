package org.conduit.common.db;

import io.quarkus.runtime.LaunchMode;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The datasource URL of dev mode and tests when nobody configured one: a {@link LocalDatabase} of
 * this JVM's own. It has the lowest priority of all configuration, so any URL given elsewhere
 * (QUARKUS_DATASOURCE_JDBC_URL, a {@code %dev} or {@code %test} property, {@code -D}) wins and no
 * server is started; in production it provides nothing. The URL names the port as an expression,
 * {@code ${conduit.local-database.port}}, which this source also provides: the server starts when
 * the port is first read, at run time, never when Quarkus's build merely records the URL. Dev mode
 * keeps its data in {@code .dev-database/} beside the project; tests in a temporary directory, gone
 * when they end.
 */
public class LocalDatabaseConfigSource implements ConfigSource {

  static final String URL = "quarkus.datasource.jdbc.url";

  /**
   * The URL only: the port is given when asked for, never listed, so that nothing that walks every
   * property (Quarkus's build records them) starts the server.
   */
  @Override
  public Set<String> getPropertyNames() {
    return local() ? Set.of(URL) : Set.of();
  }

  @Override
  public String getValue(String name) {
    if (!local()) {
      return null;
    }
    if (URL.equals(name)) {
      // The schema is Flyway's, which each profile names (conduit, conduit_test).
      return "jdbc:postgresql://127.0.0.1:${"
          + LocalDatabase.PORT
          + "}/postgres?currentSchema=${quarkus.flyway.schemas}";
    }
    if (LocalDatabase.PORT.equals(name)) {
      Path data = LaunchMode.current() == LaunchMode.DEVELOPMENT ? Path.of(".dev-database") : null;
      return String.valueOf(LocalDatabase.port(data == null ? null : data.toAbsolutePath()));
    }
    return null;
  }

  @Override
  public String getName() {
    return "conduit's local PostgreSQL (dev mode and tests)";
  }

  /** Below every configuration source Quarkus reads (defaults aside). */
  @Override
  public int getOrdinal() {
    return 10;
  }

  private static boolean local() {
    return LaunchMode.current() == LaunchMode.DEVELOPMENT
        || LaunchMode.current() == LaunchMode.TEST;
  }
}
