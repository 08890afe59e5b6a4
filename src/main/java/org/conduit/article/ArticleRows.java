package org.conduit.article;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.query.NativeQuery;

/**
 * The statements that read articles for the API: a list's count, a page of a list, and one article,
 * each a single statement whatever the number of articles, tags or favorites (pinned by {@code
 * StatementCountTest}). The page reads its ids from the list's index first and only then the
 * articles, their authors, tags and the reader's flags, for those ids alone: a deep offset skips
 * index entries, not articles.
 */
final class ArticleRows {

  private static final String WITH_AUTHOR = " JOIN users u ON u.id = a.author_id";

  private ArticleRows() {}

  static long count(ArticleSearch search) {
    NativeQuery<Long> query = sql(search.countSql(), Long.class);
    search.parameters().forEach(query::setParameter);
    return ((Number) query.getSingleResult()).longValue();
  }

  static List<ArticleRow> page(ArticleSearch search, Paging paging, Long viewerId) {
    NativeQuery<Object[]> query =
        rows(
            "FROM ("
                + search.idsSql()
                + " OFFSET :offset LIMIT :limit) p JOIN articles a ON a.id = p.id"
                + WITH_AUTHOR
                + " ORDER BY a.created_at DESC, a.id DESC",
            viewerId,
            false);
    search.parameters().forEach(query::setParameter);
    if (search.windowed()) {
      query.setParameter("window", (long) paging.offset() + paging.limit());
    }
    return query
        .setParameter("offset", paging.offset())
        .setParameter("limit", paging.limit())
        .getResultList()
        .stream()
        .map(ArticleRow::of)
        .toList();
  }

  /** The article with this slug, body included, unless its author is deactivated. */
  static Optional<ArticleRow> bySlug(String slug, Long viewerId) {
    return rows(
            "FROM articles a" + WITH_AUTHOR + " WHERE a.slug = :slug AND a.visible", viewerId, true)
        .setParameter("slug", slug)
        .getResultStream()
        .findFirst()
        .map(ArticleRow::of);
  }

  /** An article this transaction just wrote (it exists, and its author is the caller). */
  static ArticleRow byId(long id, Long viewerId) {
    return ArticleRow.of(
        rows("FROM articles a" + WITH_AUTHOR + " WHERE a.id = :id", viewerId, true)
            .setParameter("id", id)
            .getSingleResult());
  }

  /**
   * {@code SELECT} the columns of {@link ArticleRow#of} {@code from} (which names the article
   * {@code a} and its author {@code u}), with the viewer's flags when there is a viewer.
   */
  private static NativeQuery<Object[]> rows(String from, Long viewerId, boolean body) {
    String sql =
        "SELECT a.id, a.slug, a.title, a.description, "
            + (body ? "a.body" : "CAST(NULL AS text)")
            + " AS body, a.created_at, a.updated_at, a.favorites_count,"
            + " u.id AS author_id, u.username, u.bio, u.image,"
            + " ARRAY(SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
            + " WHERE at.article_id = a.id) AS tags,"
            + (viewerId == null
                ? " false AS favorited, false AS following "
                : " EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = :viewer"
                    + " AND f.article_id = a.id) AS favorited,"
                    + " EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = :viewer"
                    + " AND fo.followed_id = a.author_id) AS following ")
            + from;
    NativeQuery<Object[]> query =
        sql(sql, Object[].class)
            .addScalar("id", Long.class)
            .addScalar("slug", String.class)
            .addScalar("title", String.class)
            .addScalar("description", String.class)
            .addScalar("body", String.class)
            .addScalar("created_at", Instant.class)
            .addScalar("updated_at", Instant.class)
            .addScalar("favorites_count", Integer.class)
            .addScalar("author_id", Long.class)
            .addScalar("username", String.class)
            .addScalar("bio", String.class)
            .addScalar("image", String.class)
            .addScalar("tags", String[].class)
            .addScalar("favorited", Boolean.class)
            .addScalar("following", Boolean.class);
    if (viewerId != null) {
      query.setParameter("viewer", viewerId);
    }
    return query;
  }

  @SuppressWarnings("unchecked")
  private static <T> NativeQuery<T> sql(String sql, Class<T> type) {
    return Article.getSession().createNativeQuery(sql, type);
  }
}
