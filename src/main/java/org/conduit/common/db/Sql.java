package org.conduit.common.db;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain SQL, for the statements an ORM query would make slow or awkward or cannot say: the pages of
 * articles (a derived table, a lateral join, arrays), look-ups of many ids at once (one {@code
 * bigint[]} parameter, whatever their number), upserts ({@code ON CONFLICT}, {@code RETURNING}) and
 * the database's clock. Everything else is Panache; no Hibernate native query is left
 * (SqlStyleTest), so a statement's parameters are always named and its columns read by name. They
 * run through Hibernate's {@code Session.doReturningWork}, on the connection and in the transaction
 * of the current session, and their {@code SQLException}s arrive as Hibernate's {@code
 * JDBCException}s like any other.
 *
 * <p>Why not Hibernate's native queries: Hibernate 7.2 keeps an interpretation of a native query
 * per result mapping, and the mappings of two executions of the same statement never compare equal,
 * so every execution searched a growing list of them (most of the service's CPU on a list page, in
 * a JFR profile). The SQL text here is a constant per kind of statement, so the driver prepares it
 * once per connection.
 *
 * <p>Parameters are named ({@code :name}); a collection goes as one array: {@code text[]} of
 * strings, {@code bigint[]} of anything else. A {@link Literal} is written into the statement's
 * text instead of being bound, for numbers whose value the right plan depends on: after five
 * executions PostgreSQL may keep a generic plan, made without the parameters' values. With {@code
 * LIMIT} and {@code OFFSET} bound, that plan sorted the whole table (so every execution was planned
 * anew instead); with a reader's id bound, it hashed all of the reader's favorites to flag one
 * page. Literals are numbers the service computed or validated, never text from a client.
 */
public final class Sql {

  /** A number written into the statement rather than bound: validated by the caller. */
  public record Literal(long value) {}

  /**
   * Runs database work in a request context of its own, for work that may outlive its request.
   * Outside a transaction the session lives in the request context, and a client that goes away
   * ends that context, at any moment: while the request waits for a {@code WorkGate} turn, or in
   * the middle of its statements. Work whose result a cache keeps for others runs here, its session
   * closed when it ends; the request's own context is active again afterwards if it still lasts.
   */
  public static <T> T detached(Supplier<T> work) {
    ManagedContext context = Arc.container().requestContext();
    InjectableContext.ContextState request = context.isActive() ? context.getState() : null;
    context.activate();
    try {
      return work.get();
    } finally {
      context.terminate();
      if (request != null && request.isValid()) {
        context.activate(request);
      }
    }
  }

  /** Reads the row the cursor is on. */
  @FunctionalInterface
  public interface Row<T> {
    T read(ResultSet row) throws SQLException;
  }

  private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

  /** A statement's text split around its parameters: text, name, text, name, ..., text. */
  private record Parsed(List<String> parts) {}

  /** Per statement text; the service has a few dozen. */
  private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

  private Sql() {}

  public static <T> List<T> list(String sql, Map<String, ?> parameters, Row<T> row) {
    return Panache.getSession()
        .doReturningWork(
            connection -> {
              try (PreparedStatement statement = prepare(connection, sql, parameters);
                  ResultSet result = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (result.next()) {
                  rows.add(row.read(result));
                }
                return rows;
              }
            });
  }

  /** Runs a statement that returns no rows; the number of rows it changed. */
  public static int execute(String sql, Map<String, ?> parameters) {
    return Panache.getSession()
        .doReturningWork(
            connection -> {
              try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
              }
            });
  }

  /** A {@code timestamptz} column as an instant; null when the column is. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** The first column of the only row. */
  public static long single(String sql, Map<String, ?> parameters) {
    return list(sql, parameters, row -> row.getLong(1)).get(0);
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, Map<String, ?> parameters) throws SQLException {
    List<String> parts = PARSED.computeIfAbsent(sql, Sql::parse).parts();
    StringBuilder text = new StringBuilder(sql.length());
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        text.append(parts.get(i));
        continue;
      }
      String name = parts.get(i);
      if (!parameters.containsKey(name)) {
        throw new IllegalArgumentException("no value for :" + name);
      }
      Object value = parameters.get(name);
      if (value instanceof Literal literal) {
        text.append(literal.value());
      } else {
        text.append('?');
        values.add(value);
      }
    }
    PreparedStatement statement = connection.prepareStatement(text.toString());
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof Collection<?> items) {
        boolean strings = !items.isEmpty() && items.iterator().next() instanceof String;
        statement.setArray(
            i + 1, connection.createArrayOf(strings ? "text" : "bigint", items.toArray()));
      } else {
        statement.setObject(i + 1, values.get(i));
      }
    }
    return statement;
  }

  private static Parsed parse(String sql) {
    List<String> parts = new ArrayList<>();
    Matcher names = PARAMETER.matcher(sql);
    int from = 0;
    while (names.find()) {
      parts.add(sql.substring(from, names.start()));
      parts.add(names.group(1));
      from = names.end();
    }
    parts.add(sql.substring(from));
    return new Parsed(List.copyOf(parts));
  }
}
