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
 *       stops after the page: the site's listed articles, or those of any combination of a tag, an
 *       author and a favoriting user, or the newest articles of each followed author (the feed);
 *   <li>every combination of filters takes its count from the counts the database keeps (V54 for
 *       one filter or none, V63 for two or three); the feed adds up its authors' counts.
 * </ul>
 */
record ArticleSearch(
    String tag, String author, String favoritedBy, Long feedOf, boolean feedWalksTheSite) {

  private static final String ACTIVE_USER =
      "(SELECT id FROM users WHERE lower(username) = lower(:%s) AND is_active)";
  private static final String TAG = "(SELECT id FROM tags WHERE name = :tag)";

  ArticleSearch {
    tag = blankToNull(tag);
    author = blankToNull(author);
    favoritedBy = blankToNull(favoritedBy);
  }

  static ArticleSearch filters(String tag, String author, String favoritedBy) {
    return new ArticleSearch(tag, author, favoritedBy, null, false);
  }

  static ArticleSearch feed(long readerId) {
    return new ArticleSearch(null, null, null, readerId, false);
  }

  /**
   * The same feed, read by walking the site's list and keeping the followed authors' articles:
   * cheaper than merging each author's own list when the followed authors wrote much of the site.
   */
  ArticleSearch walkingTheSite() {
    return new ArticleSearch(null, null, null, feedOf, true);
  }

  /**
   * One row: the number of articles in the list ({@code articles}). For the feed also what each of
   * its two ways of reading a page costs (see {@link ArticleRows#count}): {@code merged}, the rows
   * the per-author walks read, and {@code site}, the site's listed articles.
   */
  String countSql() {
    if (feedOf != null) {
      // One probe of user_counts per follow, as a subquery (a join was hashed over every row of
      // user_counts for a reader of thousands, which grows with the site), made once per follow
      // (OFFSET 0 keeps the two sums from each repeating it).
      return "SELECT coalesce(sum(n), 0) AS articles, coalesce(sum(least(n, :window)), 0) AS merged,"
          + " (SELECT articles FROM site_counts) AS site FROM (SELECT (SELECT c.listed_articles"
          + " FROM user_counts c WHERE c.user_id = f.followed_id) AS n FROM follows f"
          + " WHERE f.follower_id = :reader OFFSET 0) followed";
    }
    int filters = (tag != null ? 1 : 0) + (author != null ? 1 : 0) + (favoritedBy != null ? 1 : 0);
    if (filters > 1) {
      // V63: 0 is "any"; a filter naming nobody (or no tag) matches no row, so counts 0.
      return "SELECT coalesce((SELECT c.articles FROM combination_counts c"
          + (" WHERE c.user_id = "
              + (favoritedBy == null ? "0" : ACTIVE_USER.formatted("favoritedBy")))
          + (" AND c.tag_id = " + (tag == null ? "0" : TAG))
          + (" AND c.author_id = " + (author == null ? "0" : ACTIVE_USER.formatted("author")))
          + "), 0)";
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
   * gives them; the page is this with an offset and a limit. Every combination of filters is the
   * listed rows of one table, whose columns name the filters' values (V54, V63): the articles, a
   * tag's articles, a user's favorites, or a user's favorites with a tag; each with or without
   * their author.
   */
  String idsSql() {
    if (feedOf != null && feedWalksTheSite) {
      // The site's list, in order, keeping the articles of followed authors: the followed set is
      // hashed once (an uncorrelated IN under OR is never made a join, so the walk stays in list
      // order and stops after the page).
      return "SELECT a.id, a.created_at FROM articles a WHERE a.visible"
          + " AND (a.author_id IN (SELECT f.followed_id FROM follows f"
          + " WHERE f.follower_id = :reader) OR a.author_id IS NULL)"
          + " ORDER BY a.created_at DESC, a.id DESC";
    }
    if (feedOf != null) {
      // The newest offset + limit of each followed author (one short index walk each), merged.
      return "SELECT w.id, w.created_at FROM follows f"
          + " JOIN user_counts c ON c.user_id = f.followed_id AND c.listed_articles > 0"
          + " CROSS JOIN LATERAL (SELECT a.id, a.created_at FROM articles a"
          + " WHERE a.author_id = f.followed_id ORDER BY a.created_at DESC, a.id DESC"
          + " LIMIT :window) w WHERE f.follower_id = :reader"
          + " ORDER BY w.created_at DESC, w.id DESC";
    }
    String table;
    if (favoritedBy != null) {
      table = tag != null ? "favorite_tags" : "favorites";
    } else {
      table = tag != null ? "article_tags" : "articles";
    }
    boolean ofArticles = table.equals("articles");
    String id = ofArticles ? "l.id" : "l.article_id";
    String createdAt = ofArticles ? "l.created_at" : "l.article_created_at";
    return "SELECT "
        + id
        + " AS id, "
        + createdAt
        + " AS created_at FROM "
        + table
        + " l WHERE l.visible"
        + (favoritedBy == null ? "" : " AND l.user_id = " + ACTIVE_USER.formatted("favoritedBy"))
        + (tag == null ? "" : " AND l.tag_id = " + TAG)
        + (author == null ? "" : " AND l.author_id = " + ACTIVE_USER.formatted("author"))
        + (" ORDER BY " + createdAt + " DESC, " + id + " DESC");
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

  /**
   * Whether {@link #idsSql()} and {@link #countSql()} need {@code :window}, the number of rows up
   * to the page's end.
   */
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

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
