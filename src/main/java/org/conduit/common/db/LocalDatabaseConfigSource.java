package org.conduit.common.db;

import io.quarkus.runtime.LaunchMode;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The datasource URL of dev mode and tests when nobody configured one: a {@link LocalDatabase} of
 * this JVM's own. It has the lowest priority of all configuration, so any URL given elsewhere
 * (QUARKUS_DATASOURCE_JDBC_URL, a {@code %dev} or {@code %test} property, {@code -D}) wins and no
 * server is started; in production it provides nothing. The server starts the first time the URL is
 * read. Dev mode keeps its data in {@code .dev-database/} beside the project; tests in a temporary
 * directory, gone when they end.
 */
public class LocalDatabaseConfigSource implements ConfigSource {

  static final String URL = "quarkus.datasource.jdbc.url";

  @Override
  public Set<String> getPropertyNames() {
    return local() ? Set.of(URL) : Set.of();
  }

  @Override
  public String getValue(String name) {
    if (!URL.equals(name) || !local()) {
      return null;
    }
    Path data = LaunchMode.current() == LaunchMode.DEVELOPMENT ? Path.of(".dev-database") : null;
    // The schema is Flyway's, which each profile names (conduit, conduit_test).
    return LocalDatabase.url(data == null ? null : data.toAbsolutePath())
        + "?currentSchema=${quarkus.flyway.schemas}";
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
