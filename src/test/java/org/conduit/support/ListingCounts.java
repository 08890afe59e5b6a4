package org.conduit.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every count and derived column the database keeps for lists (V54, V63), each set against a {@code
 * COUNT(*)} (or a look-up) of the same filter over the whole database.
 */
public final class ListingCounts {

  /** Rows: what, kept, actual. */
  private static final String CHECK =
      """
      SELECT 'site' AS what, (SELECT articles FROM site_counts) AS kept,
             (SELECT count(*) FROM articles a JOIN users u ON u.id = a.author_id
               WHERE u.is_active) AS actual
      UNION ALL
      SELECT 'tag ' || t.name, t.articles_count,
             (SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                JOIN users u ON u.id = a.author_id WHERE at.tag_id = t.id AND u.is_active)
        FROM tags t
      UNION ALL
      SELECT 'articles of user ' || u.id, coalesce(c.articles, 0),
             (SELECT count(*) FROM articles a WHERE a.author_id = u.id)
        FROM users u LEFT JOIN user_counts c ON c.user_id = u.id
      UNION ALL
      SELECT 'listed articles of user ' || u.id, coalesce(c.listed_articles, 0),
             (SELECT count(*) FROM articles a WHERE a.author_id = u.id AND u.is_active)
        FROM users u LEFT JOIN user_counts c ON c.user_id = u.id
      UNION ALL
      SELECT 'favorites of user ' || u.id, coalesce(c.favorites, 0),
             (SELECT count(*) FROM favorites f JOIN articles a ON a.id = f.article_id
                JOIN users au ON au.id = a.author_id WHERE f.user_id = u.id AND au.is_active)
        FROM users u LEFT JOIN user_counts c ON c.user_id = u.id
      UNION ALL
      SELECT 'favorites of article ' || a.id,
             coalesce((SELECT c.favorites FROM article_counts c WHERE c.article_id = a.id), 0),
             (SELECT count(*) FROM favorites f WHERE f.article_id = a.id)
        FROM articles a
      UNION ALL
      SELECT 'article listed ' || a.id, a.visible::int, u.is_active::int
        FROM articles a JOIN users u ON u.id = a.author_id
      UNION ALL
      SELECT 'comment author ' || c.id,
             ((c.author_username, c.author_bio, c.author_image, c.visible)
              IS NOT DISTINCT FROM (u.username, u.bio, u.image, u.is_active))::int, 1
        FROM comments c JOIN users u ON u.id = c.author_id
      UNION ALL
      SELECT 'article tag ' || at.article_id || '/' || at.tag_id,
             (at.visible = a.visible AND at.article_created_at = a.created_at
              AND at.author_id = a.author_id)::int, 1
        FROM article_tags at JOIN articles a ON a.id = at.article_id
      UNION ALL
      SELECT 'favorite ' || f.user_id || '/' || f.article_id,
             (f.visible = a.visible AND f.article_created_at = a.created_at
              AND f.author_id = a.author_id)::int, 1
        FROM favorites f JOIN articles a ON a.id = f.article_id
      UNION ALL
      SELECT 'favorite tag ' || coalesce(ft.user_id, x.user_id) || '/'
               || coalesce(ft.article_id, x.article_id) || '/' || coalesce(ft.tag_id, x.tag_id),
             (ft.user_id IS NOT NULL AND ft.visible = x.visible
              AND ft.article_created_at = x.created_at AND ft.author_id = x.author_id)::int,
             (x.user_id IS NOT NULL)::int
        FROM favorite_tags ft
        FULL JOIN (SELECT f.user_id, f.article_id, at.tag_id, a.author_id, a.created_at,
                          u.is_active AS visible
                     FROM favorites f JOIN article_tags at ON at.article_id = f.article_id
                     JOIN articles a ON a.id = f.article_id JOIN users u ON u.id = a.author_id) x
          ON (x.user_id, x.article_id, x.tag_id) = (ft.user_id, ft.article_id, ft.tag_id)
      UNION ALL
      SELECT 'combination ' || coalesce(c.user_id, x.user_id) || '/'
               || coalesce(c.tag_id, x.tag_id) || '/' || coalesce(c.author_id, x.author_id),
             coalesce(c.articles, 0), coalesce(x.n, 0)
        FROM combination_counts c
        FULL JOIN (
          SELECT 0 AS user_id, at.tag_id, a.author_id, count(*) AS n
            FROM article_tags at JOIN articles a ON a.id = at.article_id
            JOIN users u ON u.id = a.author_id WHERE u.is_active GROUP BY at.tag_id, a.author_id
          UNION ALL
          SELECT f.user_id, 0, a.author_id, count(*)
            FROM favorites f JOIN articles a ON a.id = f.article_id
            JOIN users u ON u.id = a.author_id WHERE u.is_active GROUP BY f.user_id, a.author_id
          UNION ALL
          SELECT f.user_id, at.tag_id, 0, count(*)
            FROM favorites f JOIN article_tags at ON at.article_id = f.article_id
            JOIN articles a ON a.id = f.article_id JOIN users u ON u.id = a.author_id
           WHERE u.is_active GROUP BY f.user_id, at.tag_id
          UNION ALL
          SELECT f.user_id, at.tag_id, a.author_id, count(*)
            FROM favorites f JOIN article_tags at ON at.article_id = f.article_id
            JOIN articles a ON a.id = f.article_id JOIN users u ON u.id = a.author_id
           WHERE u.is_active GROUP BY f.user_id, at.tag_id, a.author_id) x
          ON (x.user_id, x.tag_id, x.author_id) = (c.user_id, c.tag_id, c.author_id)
      """;

  private ListingCounts() {}

  /** What differs, one line each ("tag x: kept 3, actual 2"); empty when nothing does. */
  public static List<String> drift(DataSource dataSource) throws SQLException {
    List<String> drift = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT * FROM (" + CHECK + ") c WHERE kept <> actual")) {
      while (rows.next()) {
        drift.add(rows.getString(1) + ": kept " + rows.getLong(2) + ", actual " + rows.getLong(3));
      }
    }
    return drift;
  }

  /** How many values {@link #drift} compares, so that a test can tell it compared something. */
  public static long compared(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM (" + CHECK + ") c")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
