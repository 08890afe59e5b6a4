package org.conduit.operations;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.conduit.support.TcpProxy;

/** Puts a {@link TcpProxy} between the service and PostgreSQL for the test class that asks. */
public class DatabaseOutageResource implements QuarkusTestResourceLifecycleManager {

  static TcpProxy proxy;

  @Override
  public Map<String, String> start() {
    try {
      proxy = new TcpProxy(5432);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String schema = System.getenv().getOrDefault("CONDUIT_TEST_SCHEMA", "conduit_test");
    return Map.of(
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema,
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
