package org.conduit.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One way to write SQL: Panache where the ORM can say it, {@link Sql} (named parameters) where only
 * SQL can. Hibernate's native queries, with their positional parameters and the per-execution
 * result mappings {@link Sql} explains, fail here; so do JDBC statements outside the classes that
 * run without a request (the account behind a token, the change listener).
 */
class SqlStyleTest {

  private static final List<String> OTHER_WAYS =
      List.of("createNativeQuery(", "prepareStatement(", "createStatement(", "prepareCall(");

  /** Where JDBC is written by hand, each for its reason (see the class). */
  private static final List<Path> OWN_JDBC =
      List.of(
          Path.of("org/conduit/common/db/Sql.java"),
          Path.of("org/conduit/user/Accounts.java"),
          Path.of("org/conduit/common/cache/DatabaseChanges.java"));

  @Test
  void noSqlWrittenAnotherWay() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !OWN_JDBC.contains(Path.of("src/main/java").relativize(file)))
              .filter(SqlStyleTest::writesSqlAnotherWay)
              .toList();
    }
    assertEquals(List.of(), offenders);
  }

  private static boolean writesSqlAnotherWay(Path file) {
    try {
      String source = Files.readString(file);
      return OTHER_WAYS.stream().anyMatch(source::contains);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
