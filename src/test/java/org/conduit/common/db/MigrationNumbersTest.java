package org.conduit.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Flyway refuses, on every database already migrated, a migration numbered below the highest it has
 * applied. So the next migration takes the next number: V1 to V7 are the first schema, then V50
 * onwards, one after another (README, "Adding a feature").
 */
class MigrationNumbersTest {

  private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  @Test
  void migrationsAreNumberedOneAfterAnother() throws Exception {
    List<String> names;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      names = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    List<Integer> versions =
        names.stream()
            .map(
                name -> {
                  Matcher m = NAME.matcher(name);
                  assertTrue(m.matches(), name + ": V<number>__<lower_case_words>.sql");
                  return Integer.parseInt(m.group(1));
                })
            .sorted()
            .toList();
    int highest = versions.get(versions.size() - 1);
    List<Integer> expected =
        IntStream.concat(IntStream.rangeClosed(1, 7), IntStream.rangeClosed(50, highest))
            .boxed()
            .toList();
    assertEquals(expected, versions, "the next migration is V" + (highest + 1));
  }
}
