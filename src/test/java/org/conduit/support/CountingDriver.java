package org.conduit.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver, counting the statements the service prepares: the test profile's JDBC
 * driver ({@code quarkus.datasource.jdbc.driver}), so that {@code StatementCountTest} counts every
 * statement sent to the database, whether Hibernate or plain JDBC prepared it, and {@code
 * CacheContractTest} reads what the cached reads query. Everything else goes to the real driver and
 * connection untouched.
 */
public class CountingDriver implements Driver {

  private static final AtomicLong PREPARED = new AtomicLong();

  /** The texts of the statements prepared while {@link #recording} is on. */
  private static final Queue<String> TEXTS = new ConcurrentLinkedQueue<>();

  private static volatile boolean recording;

  private final Driver postgres = new org.postgresql.Driver();

  /** Starts keeping the text of every statement prepared from now on, forgetting earlier ones. */
  public static void record() {
    TEXTS.clear();
    recording = true;
  }

  /** Stops keeping texts; the ones kept since {@link #record()}. */
  public static List<String> recorded() {
    recording = false;
    return List.copyOf(TEXTS);
  }

  /** Statements prepared (or created) on the pool's connections so far. */
  public static long statements() {
    return PREPARED.get();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection connection = postgres.connect(url, info);
    if (connection == null) {
      return null;
    }
    return (Connection)
        Proxy.newProxyInstance(
            CountingDriver.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> {
              String name = method.getName();
              if (name.equals("prepareStatement")
                  || name.equals("prepareCall")
                  || name.equals("createStatement")) {
                PREPARED.incrementAndGet();
                if (recording && arguments != null && arguments[0] instanceof String sql) {
                  TEXTS.add(sql);
                }
              }
              try {
                return method.invoke(connection, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return postgres.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return postgres.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return postgres.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return postgres.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return postgres.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return postgres.getParentLogger();
  }
}
