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
 * result mappings {@link Sql} explains, fail here.
 */
class SqlStyleTest {

  @Test
  void noHibernateNativeQueryOutsideSql() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> !file.endsWith(Path.of("org/conduit/common/db/Sql.java")))
              .filter(SqlStyleTest::usesNativeQueries)
              .toList();
    }
    assertEquals(List.of(), offenders);
  }

  private static boolean usesNativeQueries(Path file) {
    try {
      return Files.readString(file).contains("createNativeQuery(");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
