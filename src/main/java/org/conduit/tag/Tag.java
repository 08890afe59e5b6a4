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
   * The tags with these names, creating the missing ones. Two requests creating the same new tag at
   * once both succeed: the losing insert does nothing.
   */
  public static List<Tag> ensure(Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    for (String name : names) {
      getEntityManager()
          .createNativeQuery("INSERT INTO tags (name) VALUES (?1) ON CONFLICT DO NOTHING")
          .setParameter(1, name)
          .executeUpdate();
    }
    return list("name in ?1", names);
  }

  /**
   * Every tag carried by at least one listed article, sorted: read from the counts the database
   * keeps (V54), not from the articles.
   */
  public static List<String> inUse() {
    return getEntityManager()
        .createQuery("select t.name from Tag t where t.articlesCount > 0", String.class)
        .getResultList()
        .stream()
        .sorted(ALPHABETICAL)
        .toList();
  }
}
