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

  /** Every tag carried by at least one article whose author is active, sorted. */
  public static List<String> inUse() {
    @SuppressWarnings("unchecked")
    List<String> names =
        getEntityManager()
            .createNativeQuery(
                """
                SELECT t.name FROM tags t
                WHERE EXISTS (
                  SELECT 1 FROM article_tags at
                  JOIN articles a ON a.id = at.article_id
                  JOIN users u ON u.id = a.author_id
                  WHERE at.tag_id = t.id AND u.is_active)
                """,
                String.class)
            .getResultList();
    return names.stream().sorted(ALPHABETICAL).toList();
  }
}
