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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.conduit.common.db.ArrayReads;

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

  /** The articles the user has favorited, at most {@code limit} of them. */
  static List<Long> articlesOf(long userId, int limit) {
    return getEntityManager()
        .createQuery("select f.articleId from Favorite f where f.userId = :user", Long.class)
        .setParameter("user", userId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Which of {@code articleIds} the reader has favorited, in one query. */
  static Set<Long> favoritedAmong(long readerId, Collection<Long> articleIds) {
    return Set.copyOf(
        ArrayReads.list(
            getEntityManager(),
            "SELECT article_id FROM favorites WHERE user_id = ? AND article_id = ANY (?)",
            row -> row.getLong(1),
            readerId,
            articleIds));
  }

  /** The stats of every article in {@code articleIds} that has any favorite, in one query. */
  static Map<Long, Stats> statsOf(Collection<Long> articleIds, Long viewerId) {
    return ArrayReads.list(
            getEntityManager(),
            "SELECT article_id, count(*), bool_or(user_id = ?) FROM favorites"
                + " WHERE article_id = ANY (?) GROUP BY article_id",
            row -> Map.entry(row.getLong(1), new Stats(row.getLong(2), row.getBoolean(3))),
            viewerId == null ? -1L : viewerId,
            articleIds)
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
