package org.conduit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.conduit.common.error.ErrorMappers;
import org.conduit.common.error.ErrorResponse;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** What the catch-all answers for database failures, without stopping a database. */
class DatabaseFailureMappingTest {

  private final ErrorMappers mappers = new ErrorMappers();

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
