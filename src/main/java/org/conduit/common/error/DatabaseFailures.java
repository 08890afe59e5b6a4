package org.conduit.common.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached apart from a query that went wrong. */
final class DatabaseFailures {

  private DatabaseFailures() {}

  static boolean isUnavailable(Throwable e) {
    return Causes.first(
            e,
            t ->
                t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || (t instanceof SQLException sql && isUnavailable(sql)))
        != null;
  }

  private static boolean isUnavailable(SQLException e) {
    String state = e.getSQLState();
    if (state != null) {
      // 08: connection exception; 57P01-57P03: server shutting down or not accepting connections.
      return state.startsWith("08") || state.startsWith("57P");
    }
    // The pool's own "Acquisition timeout while waiting for new connection" is a plain
    // SQLException with no SQL state and no cause of its own type (Agroal 3): its text is all
    // there is to recognise it by.
    String message = e.getMessage();
    return message != null && message.toLowerCase().contains("acquisition timeout");
  }

  /**
   * The database refused a value: SQL state class 22 (data exception: a NUL character, an
   * untranslatable character, a value out of range) or 23514 (a check constraint).
   */
  static boolean isRefusedData(Throwable e) {
    return Causes.first(
            e,
            t ->
                t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().equals("23514")))
        != null;
  }

  static String describe(Throwable e) {
    return Causes.root(e).getClass().getSimpleName();
  }
}
