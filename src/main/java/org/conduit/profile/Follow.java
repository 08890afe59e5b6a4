package org.conduit.profile;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.conduit.common.db.Sql;

/** One user following another. Rows are added and removed with plain SQL, never merged. */
@Entity
@Table(name = "follows")
@IdClass(Follow.Key.class)
public class Follow extends PanacheEntityBase {

  public record Key(Long followerId, Long followedId) implements Serializable {}

  @Id
  @Column(name = "follower_id")
  public Long followerId;

  @Id
  @Column(name = "followed_id")
  public Long followedId;

  @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
  public Instant createdAt;

  /** Idempotent: following twice, even in two racing requests, leaves one row and no error. */
  public static void add(long followerId, long followedId) {
    Sql.execute(
        "INSERT INTO follows (follower_id, followed_id) VALUES (:follower, :followed)"
            + " ON CONFLICT DO NOTHING",
        Map.of("follower", followerId, "followed", followedId));
  }

  public static void remove(long followerId, long followedId) {
    delete("followerId = ?1 and followedId = ?2", followerId, followedId);
  }

  public static boolean exists(long followerId, long followedId) {
    return count("followerId = ?1 and followedId = ?2", followerId, followedId) > 0;
  }

  /** The users the follower follows, at most {@code limit} of them. */
  public static List<Long> followedBy(long followerId, int limit) {
    return getEntityManager()
        .createQuery("select f.followedId from Follow f where f.followerId = :follower", Long.class)
        .setParameter("follower", followerId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** Which of {@code candidates} the follower follows, in one query. */
  public static Set<Long> followedAmong(Long followerId, Collection<Long> candidates) {
    if (followerId == null || candidates.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        Sql.list(
            "SELECT followed_id FROM follows WHERE follower_id = :follower"
                + " AND followed_id = ANY (:candidates)",
            // The follower in the text, not bound (as Favorite.favoritedAmong): a generic plan
            // read all of a reader's follows.
            Map.of("follower", new Sql.Literal(followerId), "candidates", Set.copyOf(candidates)),
            row -> row.getLong(1)));
  }
}
