package org.conduit.tag;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.conduit.common.db.Sql;

/** A tag name, stored once however many articles carry it. */
@Entity
@Table(name = "tags")
public class Tag extends PanacheEntityBase {

  /** Alphabetical for readers: case-insensitive first, then exact, so the order is total. */
  public static final Comparator<String> ALPHABETICAL =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, length = 50, updatable = false)
  public String name;

  /** Listed articles carrying this tag, kept by the database's triggers (V54): read-only here. */
  @Column(name = "articles_count", insertable = false, updatable = false)
  public int articlesCount;

  /**
   * The ids of the tags with these names, creating the missing ones. Two requests creating the same
   * new tag at once both succeed: the losing insert does nothing, and the read that follows (a
   * statement of its own, so that it sees the winner's row) finds it.
   */
  public static List<Long> ensure(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    Sql.execute(
        "INSERT INTO tags (name) SELECT n FROM unnest(:names) n ORDER BY n ON CONFLICT DO NOTHING",
        Map.of("names", names));
    return Sql.list(
        "SELECT id FROM tags WHERE name = ANY (:names)",
        Map.of("names", names),
        row -> row.getLong(1));
  }

  /**
   * Every tag carried by at least one listed article, sorted: read from the counts the database
   * keeps (V54), not from the articles.
   */
  public static List<String> inUse() {
    List<String> names =
        Sql.list(
            "SELECT name FROM tags WHERE articles_count > 0", Map.of(), row -> row.getString(1));
    names.sort(ALPHABETICAL);
    return names;
  }
}
