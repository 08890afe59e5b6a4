package org.conduit.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** What the catch-all answers for database failures, without stopping a database. */
class DatabaseFailureMappingTest {

  private final ErrorMappers mappers =
      new ErrorMappers(new DatabaseOutage(() -> true, new SimpleMeterRegistry()));

  private static String firstKey(Response response) {
    return ((ErrorResponse) response.getEntity()).errors().keySet().iterator().next();
  }

  @Test
  void anUnreachableDatabaseIs503WithRetryAfter() {
    for (Throwable e :
        new Throwable[] {
          new JDBCConnectionException("refused", new SQLException("Connection refused", "08001")),
          new RuntimeException(new SQLException("terminating connection", "57P01")),
          new RuntimeException(new SQLException("the database system is starting up", "57P03")),
          new RuntimeException(new SQLException("Sorry, acquisition timeout!")),
          new RuntimeException(new SQLTransientConnectionException("pool exhausted")),
        }) {
      Response response = mappers.unexpected(e);
      assertEquals(503, response.getStatus(), e.toString());
      assertEquals("5", response.getHeaderString("Retry-After"));
      assertEquals("database", firstKey(response));
    }
  }

  @Test
  void aCommitTheDatabaseCutOffIs503() {
    // As Narayana reports it: a rollback, the database's error only suppressed by the XA failure.
    XAException xa = new XAException("Error trying to transactionCommit local transaction");
    xa.initCause(new SQLException("terminating connection due to administrator command", "57P01"));
    RollbackException rollback =
        new RollbackException("ARJUNA016053: Could not commit transaction.");
    rollback.addSuppressed(xa);
    Response response = mappers.unexpected(new RuntimeException("Error invoking", rollback));
    assertEquals(503, response.getStatus());
    assertEquals("database", firstKey(response));
  }

  @Test
  void aValueTheDatabaseRefusesIs422() {
    Response response =
        mappers.unexpected(
            new RuntimeException(new SQLException("invalid byte sequence for encoding", "22021")));
    assertEquals(422, response.getStatus());
    assertEquals("body", firstKey(response));
  }

  @Test
  void anythingElseIsAGeneric500() {
    Response response = mappers.unexpected(new IllegalStateException("bug"));
    assertEquals(500, response.getStatus());
    assertEquals("server", firstKey(response));
  }
}
