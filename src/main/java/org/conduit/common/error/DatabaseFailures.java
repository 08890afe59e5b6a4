package org.conduit.common.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached apart from a query that went wrong. */
final class DatabaseFailures {

  private DatabaseFailures() {}

  static boolean isUnavailable(Throwable e) {
    if (ErrorMappers.causeOf(e, org.hibernate.exception.JDBCConnectionException.class) != null
        || ErrorMappers.causeOf(e, SQLTransientConnectionException.class) != null) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && isUnavailable(sql)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      // 08: connection exception; 57P01-57P03: server shutting down or not accepting connections.
      return state.startsWith("08") || state.startsWith("57P");
    }
    // The pool's own "acquisition timeout" carries no SQL state.
    String message = e.getMessage();
    return message != null && message.toLowerCase().contains("acquisition timeout");
  }

  /**
   * The database refused a value: SQL state class 22 (data exception: a NUL character, an
   * untranslatable character, a value out of range) or 23514 (a check constraint).
   */
  static boolean isRefusedData(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || state.equals("23514")) {
          return true;
        }
      }
    }
    return false;
  }

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
