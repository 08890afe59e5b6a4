package org.conduit.operations;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.conduit.support.TcpProxy;
import org.eclipse.microprofile.config.ConfigProvider;

/** Puts a {@link TcpProxy} between the service and PostgreSQL for the test class that asks. */
public class DatabaseOutageResource implements QuarkusTestResourceLifecycleManager {

  static TcpProxy proxy;

  /** host, port (optional), database and options of a PostgreSQL JDBC URL. */
  private static final Pattern URL =
      Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");

  @Override
  public Map<String, String> start() {
    // The server the other tests use (configured, or the local one of LocalDatabaseConfigSource).
    String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    Matcher parts = URL.matcher(url);
    if (!parts.matches()) {
      throw new IllegalStateException("not a PostgreSQL JDBC URL: " + url);
    }
    try {
      proxy = new TcpProxy(parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://127.0.0.1:"
            + proxy.port()
            + "/"
            + parts.group(3)
            + (parts.group(4) == null ? "" : parts.group(4)),
        "quarkus.flyway.clean-at-start",
        "false",
        "quarkus.datasource.jdbc.acquisition-timeout",
        "2S");
  }

  @Override
  public void stop() {
    try {
      proxy.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }
}
