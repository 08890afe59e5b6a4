package org.conduit.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver, counting the statements the service prepares: the test profile's JDBC
 * driver ({@code quarkus.datasource.jdbc.driver}), so that {@code StatementCountTest} counts every
 * statement sent to the database, whether Hibernate or plain JDBC prepared it. Everything else goes
 * to the real driver and connection untouched.
 */
public class CountingDriver implements Driver {

  private static final AtomicLong PREPARED = new AtomicLong();

  private final Driver postgres = new org.postgresql.Driver();

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
