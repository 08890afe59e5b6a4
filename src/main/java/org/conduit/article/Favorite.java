package org.conduit.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.conduit.common.db.Sql;

/** A user's favorite article. Rows are added and removed with plain SQL, never merged. */
@Entity
@Table(name = "favorites")
@IdClass(Favorite.Key.class)
public class Favorite extends PanacheEntityBase {

  public record Key(Long userId, Long articleId) implements Serializable {}

  @Id
  @Column(name = "user_id")
  public Long userId;

  @Id
  @Column(name = "article_id")
  public Long articleId;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  public Instant createdAt;

  /** Idempotent: favoriting twice, even in two racing requests, leaves one row and no error. */
  static void add(long userId, long articleId) {
    Sql.execute(
        "INSERT INTO favorites (user_id, article_id) VALUES (:user, :article)"
            + " ON CONFLICT DO NOTHING",
        Map.of("user", userId, "article", articleId));
  }

  static void remove(long userId, long articleId) {
    delete("userId = ?1 and articleId = ?2", userId, articleId);
  }

  /** The articles the user has favorited, at most {@code limit} of them. */
  static List<Long> articlesOf(long userId, int limit) {
    return getEntityManager()
        .createQuery("select f.articleId from Favorite f where f.userId = :user", Long.class)
        .setParameter("user", userId)
        .setMaxResults(limit)
        .getResultList();
  }
}
