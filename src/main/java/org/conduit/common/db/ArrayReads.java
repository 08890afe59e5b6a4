package org.conduit.common.db;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Reads that look up many ids at once: SQL with the ids as one {@code bigint[]} parameter ({@code =
 * ANY (?)}), run on the session's own connection (in its transaction, if any). Hibernate translates
 * a query with an in-list parameter anew at every execution, and keeps native queries under keys
 * that grow with their result mappings; for the small look-ups behind a page of articles that cost
 * several times what PostgreSQL spent answering them. Here the SQL text never changes with the
 * number of ids, so the driver prepares it once per connection. The statements still go through
 * Hibernate's JDBC layer: they are logged with the others ({@code quarkus.hibernate-orm.log.sql}),
 * counted in its statistics, and their errors arrive as Hibernate's {@code JDBCException}s.
 */
public final class ArrayReads {

  /** Reads the row the cursor is on. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  private ArrayReads() {}

  /**
   * The rows of {@code sql}, with the parameters in order: a collection goes as one {@code
   * bigint[]}, anything else as itself (never null).
   */
  public static <T> List<T> list(
      EntityManager entityManager, String sql, Row<T> row, Object... parameters) {
    SharedSessionContractImplementor session =
        entityManager.unwrap(SharedSessionContractImplementor.class);
    JdbcCoordinator jdbc = session.getJdbcCoordinator();
    PreparedStatement statement = jdbc.getStatementPreparer().prepareStatement(sql);
    ResultSet result = null;
    try {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Collection<?> ids) {
          statement.setArray(
              i + 1,
              jdbc.getLogicalConnection()
                  .getPhysicalConnection()
                  .createArrayOf("bigint", ids.toArray()));
        } else {
          statement.setObject(i + 1, parameters[i]);
        }
      }
      result = jdbc.getResultSetReturn().extract(statement, sql);
      List<T> rows = new ArrayList<>();
      while (result.next()) {
        rows.add(row.read(result));
      }
      return rows;
    } catch (SQLException e) {
      throw session.getJdbcServices().getSqlExceptionHelper().convert(e, "reading by ids", sql);
    } finally {
      jdbc.getLogicalConnection().getResourceRegistry().release(result, statement);
      jdbc.afterStatementExecution();
    }
  }
}
