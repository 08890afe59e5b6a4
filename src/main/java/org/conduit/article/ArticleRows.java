package org.conduit.article;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conduit.common.db.Sql;

/**
 * The statements that read articles for the API: a list's count, a page of a list, and one article,
 * each a single statement whatever the number of articles, tags or favorites (pinned by {@code
 * StatementCountTest}). The page reads its ids from the list's index first and only then the
 * articles, their authors, tags and the reader's flags, for those ids alone: a deep offset skips
 * index entries, not articles.
 */
final class ArticleRows {

  /** The author, and the favorites count (kept in a table of its own: V54). */
  private static final String WITH_AUTHOR =
      " JOIN users u ON u.id = a.author_id LEFT JOIN article_counts ac ON ac.article_id = a.id";

  private ArticleRows() {}

  /** The number of articles in a list, and the search that reads its pages the cheaper way. */
  record Counted(long articles, ArticleSearch search) {}

  /**
   * The list's count. For the feed, also the cheaper way to read this page: merging the followed
   * authors' own lists reads up to offset + limit rows of each ({@code merged} in all); walking the
   * site's list reads about (offset + limit) * site / articles rows before the page is full. A
   * reader of a few authors merges; a reader of authors who wrote much of the site walks.
   */
  static Counted count(ArticleSearch search, Paging paging) {
    Map<String, Object> parameters = parameters(search, paging);
    if (search.feedOf() == null) {
      return new Counted(Sql.single(search.countSql(), parameters), search);
    }
    long window = (long) paging.offset() + paging.limit();
    return Sql.list(
            search.countSql(),
            parameters,
            row -> {
              long articles = row.getLong("articles");
              boolean walk =
                  walkIsCheaper(window, row.getLong("site"), row.getLong("merged"), articles);
              return new Counted(articles, walk ? search.walkingTheSite() : search);
            })
        .get(0);
  }

  /**
   * Whether the walk reads fewer than four times as many rows (window * site / articles) as the
   * merge (merged): a walked row is an entry of one index read in order (author included), a merged
   * row one of a thousand short walks that are then sorted, four times the cost at a million
   * articles (10 ms for 69,000 walked rows, 60 ms for 104,000 merged, docs/database.md).
   */
  static boolean walkIsCheaper(long window, long site, long merged, long articles) {
    return articles > 0 && (double) window * site < 4.0 * merged * articles;
  }

  static List<ArticleRow> page(ArticleSearch search, Paging paging, Long viewerId) {
    Map<String, Object> parameters = parameters(search, paging);
    parameters.put("offset", new Sql.Literal(paging.offset()));
    parameters.put("limit", new Sql.Literal(paging.limit()));
    return rows(
        "FROM ("
            + search.idsSql()
            + " OFFSET :offset LIMIT :limit) p JOIN articles a ON a.id = p.id"
            + WITH_AUTHOR
            + " ORDER BY a.created_at DESC, a.id DESC",
        parameters,
        viewerId,
        false);
  }

  private static Map<String, Object> parameters(ArticleSearch search, Paging paging) {
    Map<String, Object> parameters = new HashMap<>(search.parameters());
    if (search.windowed()) {
      parameters.put("window", new Sql.Literal((long) paging.offset() + paging.limit()));
    }
    return parameters;
  }

  /** The article with this slug, body included, unless its author is deactivated. */
  static Optional<ArticleRow> bySlug(String slug, Long viewerId) {
    return rows(
            "FROM articles a" + WITH_AUTHOR + " WHERE a.slug = :slug AND a.visible",
            Map.of("slug", slug),
            viewerId,
            true)
        .stream()
        .findFirst();
  }

  /** An article this transaction just wrote (it exists, and its author is the caller). */
  static ArticleRow byId(long id, Long viewerId) {
    return rows(
            "FROM articles a" + WITH_AUTHOR + " WHERE a.id = :id", Map.of("id", id), viewerId, true)
        .get(0);
  }

  /**
   * {@code SELECT} the columns {@link #row} reads {@code from} (which names the article {@code a},
   * its author {@code u} and its counts {@code ac}), with the viewer's flags when there is a
   * viewer.
   */
  private static List<ArticleRow> rows(
      String from, Map<String, Object> parameters, Long viewerId, boolean body) {
    String sql =
        "SELECT a.id, a.slug, a.title, a.description, "
            + (body ? "a.body" : "NULL")
            + " AS body, a.created_at, a.updated_at,"
            + " coalesce(ac.favorites, 0) AS favorites_count,"
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
    if (viewerId != null) {
      // In the text, not bound: with it bound, PostgreSQL's generic plan hashed all of the
      // viewer's favorites to flag 20 articles (100 ms for a reader of 140,000 favorites).
      parameters = new HashMap<>(parameters);
      parameters.put("viewer", new Sql.Literal(viewerId));
    }
    return Sql.list(sql, parameters, ArticleRows::row);
  }

  private static ArticleRow row(ResultSet row) throws SQLException {
    Array tags = row.getArray("tags");
    return new ArticleRow(
        row.getLong("id"),
        row.getString("slug"),
        row.getString("title"),
        row.getString("description"),
        row.getString("body"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"),
        row.getInt("favorites_count"),
        row.getLong("author_id"),
        row.getString("username"),
        row.getString("bio"),
        row.getString("image"),
        Arrays.asList((String[]) tags.getArray()),
        row.getBoolean("favorited"),
        row.getBoolean("following"));
  }
}
