package org.conduit.article;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A user's favorite article. Rows are added and removed with plain SQL, never merged. */
@Entity
@Table(name = "favorites")
@IdClass(Favorite.Key.class)
public class Favorite extends PanacheEntityBase {

  public record Key(Long userId, Long articleId) implements Serializable {}

  /** How many users favorited an article, and whether the viewer is one of them. */
  public record Stats(long count, boolean byViewer) {
    static final Stats NONE = new Stats(0, false);
  }

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
    getEntityManager()
        .createNativeQuery(
            "INSERT INTO favorites (user_id, article_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .setParameter(1, userId)
        .setParameter(2, articleId)
        .executeUpdate();
  }

  static void remove(long userId, long articleId) {
    delete("userId = ?1 and articleId = ?2", userId, articleId);
  }

  /** Which of {@code articleIds} the reader has favorited, in one query. */
  static Set<Long> favoritedAmong(long readerId, Collection<Long> articleIds) {
    return Set.copyOf(
        getEntityManager()
            .createQuery(
                "select f.articleId from Favorite f where f.userId = :reader"
                    + " and f.articleId in :ids",
                Long.class)
            .setParameter("reader", readerId)
            .setParameter("ids", articleIds)
            .getResultList());
  }

  /** The stats of every article in {@code articleIds} that has any favorite, in one query. */
  static Map<Long, Stats> statsOf(Collection<Long> articleIds, Long viewerId) {
    List<Object[]> rows =
        getEntityManager()
            .createQuery(
                "select f.articleId, count(f), sum(case when f.userId = :viewer then 1 else 0 end)"
                    + " from Favorite f where f.articleId in :ids group by f.articleId",
                Object[].class)
            .setParameter("viewer", viewerId == null ? -1L : viewerId)
            .setParameter("ids", articleIds)
            .getResultList();
    Map<Long, Stats> stats = new HashMap<>();
    for (Object[] row : rows) {
      stats.put((Long) row[0], new Stats((Long) row[1], ((Number) row[2]).longValue() > 0));
    }
    return stats;
  }
}
