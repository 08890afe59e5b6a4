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
import java.util.Map;
import java.util.Optional;
import org.conduit.common.db.Sql;
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

  /** A comment as a list reads it: its columns and its author's, no entity. */
  public record Listed(
      long id,
      Instant createdAt,
      Instant updatedAt,
      String body,
      long authorId,
      String username,
      String bio,
      String image) {}

  /**
   * The visible comments of an article with their authors, newest first, in one statement read
   * straight into records: a thread of thousands of comments costs no entity, no persistence
   * context entry and no dirty check. The authors' profiles are the copies V64's triggers keep on
   * each comment, so the statement reads one range of comments_article_created_idx, in list order,
   * and no account.
   */
  public static List<Listed> listVisible(long articleId) {
    return Sql.list(
        "SELECT c.id, c.created_at, c.updated_at, c.body, c.author_id,"
            + " c.author_username AS username, c.author_bio AS bio, c.author_image AS image"
            + " FROM comments c WHERE c.article_id = :article AND c.visible"
            + " ORDER BY c.created_at DESC, c.id DESC",
        Map.of("article", articleId),
        row ->
            new Listed(
                row.getLong("id"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                row.getString("body"),
                row.getLong("author_id"),
                row.getString("username"),
                row.getString("bio"),
                row.getString("image")));
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
