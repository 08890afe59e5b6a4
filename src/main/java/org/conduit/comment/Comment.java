package org.conduit.comment;

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
import java.util.Optional;
import org.conduit.user.User;

/** A comment on an article; comments of deactivated authors are not shown. */
@Entity
@Table(name = "comments")
public class Comment extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "article_id", nullable = false, updatable = false)
  public Long articleId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "author_id", nullable = false, updatable = false)
  public User author;

  @Column(nullable = false)
  public String body;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  /** The visible comments of an article with their authors, newest first, in one query. */
  public static List<Comment> listVisible(long articleId) {
    return list(
        "from Comment c join fetch c.author u where c.articleId = ?1 and u.active = true"
            + " order by c.createdAt desc, c.id desc",
        articleId);
  }

  /** The comment with this id, only if it belongs to this article. */
  public static Optional<Comment> findOnArticle(long articleId, long id) {
    return find(
            "from Comment c join fetch c.author where c.id = ?1 and c.articleId = ?2",
            id,
            articleId)
        .firstResultOptional();
  }
}
