package org.conduit.article;

import java.util.HashMap;
import java.util.Map;
import org.conduit.common.db.Sql;

/**
 * Which articles a list shows: the filters of {@code GET /api/articles}, or the feed of one reader.
 * Articles of deactivated authors are never listed. Builds the count and the page's ids from the
 * same conditions, so that {@code articlesCount} always counts what the pages show, and so that
 * neither costs more as the database grows (V54, docs/database.md):
 *
 * <ul>
 *   <li>each list is read from one index in list order (newest first, the id breaking ties) and
 *       stops after the page: the site's listed articles, a tag's, an author's, a user's favorites,
 *       or the newest articles of each followed author (the feed);
 *   <li>a list with one filter, or none, takes its count from the counts the database keeps; with
 *       several, the count walks the list of the author or the favoriting user, which grows with
 *       that user's own articles or favorites only; the feed adds up its authors' counts.
 * </ul>
 */
record ArticleSearch(String tag, String author, String favoritedBy, Long feedOf) {

  private static final String ACTIVE_USER =
      "(SELECT id FROM users WHERE lower(username) = lower(:%s) AND is_active)";
  private static final String TAG = "(SELECT id FROM tags WHERE name = :tag)";

  ArticleSearch {
    tag = blankToNull(tag);
    author = blankToNull(author);
    favoritedBy = blankToNull(favoritedBy);
  }

  static ArticleSearch filters(String tag, String author, String favoritedBy) {
    return new ArticleSearch(tag, author, favoritedBy, null);
  }

  static ArticleSearch feed(long readerId) {
    return new ArticleSearch(null, null, null, readerId);
  }

  /** One row, one column: the number of articles in the list. */
  String countSql() {
    if (feedOf != null) {
      return "SELECT coalesce(sum(c.articles), 0) FROM follows f"
          + " JOIN users u ON u.id = f.followed_id AND u.is_active"
          + " JOIN user_counts c ON c.user_id = u.id WHERE f.follower_id = :reader";
    }
    int filters = (tag != null ? 1 : 0) + (author != null ? 1 : 0) + (favoritedBy != null ? 1 : 0);
    if (filters > 1) {
      return "SELECT count(*) FROM (" + idsSql() + ") ids";
    }
    if (tag != null) {
      return "SELECT coalesce((SELECT articles_count FROM tags WHERE name = :tag), 0)";
    }
    if (author != null) {
      return keptUserCount("articles", "author");
    }
    if (favoritedBy != null) {
      return keptUserCount("favorites", "favoritedBy");
    }
    return "SELECT articles FROM site_counts";
  }

  /**
   * The ids ({@code id}) and dates ({@code created_at}) of the list, newest first, as one index
   * gives them; the page is this with an offset and a limit.
   */
  String idsSql() {
    if (feedOf != null) {
      // The newest offset + limit of each followed author (one short index walk each), merged.
      return "SELECT w.id, w.created_at FROM follows f"
          + " JOIN users u ON u.id = f.followed_id AND u.is_active"
          + " CROSS JOIN LATERAL (SELECT a.id, a.created_at FROM articles a"
          + " WHERE a.author_id = f.followed_id ORDER BY a.created_at DESC, a.id DESC"
          + " LIMIT :window) w WHERE f.follower_id = :reader"
          + " ORDER BY w.created_at DESC, w.id DESC";
    }
    if (favoritedBy != null) {
      return "SELECT f.article_id AS id, f.article_created_at AS created_at FROM favorites f"
          + (" WHERE f.user_id = " + ACTIVE_USER.formatted("favoritedBy") + " AND f.visible")
          + (author == null
              ? ""
              : " AND EXISTS (SELECT 1 FROM articles a WHERE a.id = f.article_id AND a.author_id = "
                  + ACTIVE_USER.formatted("author")
                  + ")")
          + (tag == null ? "" : hasTag("f.article_id"))
          + " ORDER BY f.article_created_at DESC, f.article_id DESC";
    }
    if (author != null) {
      return "SELECT a.id, a.created_at FROM articles a"
          + (" WHERE a.author_id = " + ACTIVE_USER.formatted("author") + " AND a.visible")
          + (tag == null ? "" : hasTag("a.id"))
          + " ORDER BY a.created_at DESC, a.id DESC";
    }
    if (tag != null) {
      return "SELECT t.article_id AS id, t.article_created_at AS created_at FROM article_tags t"
          + (" WHERE t.tag_id = " + TAG + " AND t.visible")
          + " ORDER BY t.article_created_at DESC, t.article_id DESC";
    }
    return "SELECT a.id, a.created_at FROM articles a WHERE a.visible"
        + " ORDER BY a.created_at DESC, a.id DESC";
  }

  /** The named parameters of both statements but the page's own. */
  Map<String, Object> parameters() {
    Map<String, Object> parameters = new HashMap<>();
    if (tag != null) {
      parameters.put("tag", tag);
    }
    if (author != null) {
      parameters.put("author", author);
    }
    if (favoritedBy != null) {
      parameters.put("favoritedBy", favoritedBy);
    }
    if (feedOf != null) {
      // In the text (an account id, not the client's words): see ArticleRows' viewer.
      parameters.put("reader", new Sql.Literal(feedOf));
    }
    return parameters;
  }

  /** Whether {@link #idsSql()} needs {@code :window}, the number of rows up to the page's end. */
  boolean windowed() {
    return feedOf != null;
  }

  private static String keptUserCount(String column, String parameter) {
    return "SELECT coalesce((SELECT c."
        + column
        + " FROM user_counts c WHERE c.user_id = "
        + ACTIVE_USER.formatted(parameter)
        + "), 0)";
  }

  private static String hasTag(String articleId) {
    return " AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = "
        + articleId
        + " AND t.tag_id = "
        + TAG
        + ")";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
