package org.conduit.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conduit.common.db.Sql;
import org.conduit.user.User;

/**
 * An article. Its slug is chosen once and never changes, so that links to it stay valid. Articles
 * of deactivated authors are hidden: every lookup goes through {@link #findVisibleBySlug}.
 */
@Entity
@Table(name = "articles")
public class Article extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, updatable = false, length = Slugs.MAX_LENGTH)
  public String slug;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String description;

  @Column(nullable = false)
  public String body;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "author_id", nullable = false, updatable = false)
  public User author;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The article with this slug and its author, unless the author is deactivated. */
  public static Optional<Article> findVisibleBySlug(String slug) {
    return find("from Article a join fetch a.author u where a.slug = ?1 and u.active = true", slug)
        .firstResultOptional();
  }

  public static boolean slugTaken(String slug) {
    return count("slug", slug) > 0;
  }

  /**
   * Gives the article exactly these tags, in two statements whatever their number (article_tags is
   * written here, not through an ORM collection: V54's triggers count each statement's rows).
   */
  static void tag(long articleId, List<Long> tagIds) {
    Sql.execute(
        "DELETE FROM article_tags WHERE article_id = :article AND tag_id <> ALL (:tags)",
        Map.of("article", articleId, "tags", tagIds));
    addTags(articleId, tagIds);
  }

  /**
   * Adds these tags to the article, in one statement. A new article's tags need no more: the
   * triggers of a DELETE run even when it removes nothing (about 7 ms at a million articles).
   */
  static void addTags(long articleId, List<Long> tagIds) {
    Sql.execute(
        "INSERT INTO article_tags (article_id, tag_id)"
            + " SELECT :article, t FROM unnest(:tags) t ORDER BY t ON CONFLICT DO NOTHING",
        Map.of("article", articleId, "tags", tagIds));
  }

  /**
   * The id of the listed article with this slug, kept from deletion until the transaction ends (FOR
   * KEY SHARE: a deletion waits, and so does this for a deletion under way, which then finds
   * nothing; writers of comments do not wait for each other). Without it a comment could race the
   * article's deletion into a foreign-key violation.
   */
  public static Optional<Long> keep(String slug) {
    return locked(slug, false, "FOR KEY SHARE");
  }

  /**
   * The id of the article with this slug, locked until the transaction ends; only a listed one (its
   * author active) unless {@code hidden} ones are wanted too.
   */
  static Optional<Long> lock(String slug, boolean hidden) {
    return locked(slug, hidden, "FOR NO KEY UPDATE");
  }

  private static Optional<Long> locked(String slug, boolean hidden, String lock) {
    return Sql.list(
            "SELECT id FROM articles WHERE slug = :slug"
                + (hidden ? "" : " AND visible")
                + " "
                + lock,
            Map.of("slug", slug),
            row -> row.getLong(1))
        .stream()
        .findFirst();
  }

  /** The article with this slug, listed or not. */
  public static Optional<Article> findBySlug(String slug) {
    return find("from Article a join fetch a.author where a.slug = ?1", slug).firstResultOptional();
  }

  /**
   * Queues this transaction behind every other one that changes which articles are listed or how
   * they are tagged (the first lock of V54's order); held until the transaction ends.
   */
  static void lockListing() {
    Sql.list("SELECT articles FROM site_counts FOR NO KEY UPDATE", Map.of(), row -> null);
  }
}
