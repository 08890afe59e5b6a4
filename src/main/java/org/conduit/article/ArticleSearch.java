package org.conduit.article;

import java.util.HashMap;
import java.util.Map;

/**
 * Which articles a list shows: the filters of {@code GET /api/articles}, or the feed of one reader.
 * Articles of deactivated authors never match. Builds the count and the page query from the same
 * conditions, so that {@code articlesCount} always counts what the pages show.
 */
record ArticleSearch(String tag, String author, String favoritedBy, Long feedOf) {

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

  String countQuery() {
    return "select count(a) from Article a join a.author u" + joinsAndConditions();
  }

  /**
   * The feed counts its articles in the page query ({@code count(*) over ()}): the database reads
   * every article of the followed authors and sorts them for the page anyway, so the count comes
   * free, and one statement is saved. The other lists count apart: their pages walk an index in
   * date order and stop after the page, which a window count would not let them do.
   */
  boolean countedWithPage() {
    return feedOf != null;
  }

  /** {@link ArticleRow}s, newest first; the id breaks ties so that pages never overlap or skip. */
  String pageQuery() {
    return "select new org.conduit.article.ArticleRow(a.id, a.slug, a.title, a.description,"
        + " a.createdAt, a.updatedAt, u.id, u.username, u.bio, u.image"
        + (countedWithPage() ? ", count(*) over ()" : ", cast(null as Long)")
        + ") from Article a join a.author u"
        + joinsAndConditions()
        + " order by a.createdAt desc, a.id desc";
  }

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
      parameters.put("reader", feedOf);
    }
    return parameters;
  }

  private String joinsAndConditions() {
    StringBuilder query = new StringBuilder();
    if (tag != null) {
      // A tag name is unique and an article carries it once: the join adds no duplicates.
      query.append(" join a.tags t");
    }
    query.append(" where u.active = true");
    if (tag != null) {
      query.append(" and t.name = :tag");
    }
    if (author != null) {
      query.append(" and lower(u.username) = lower(:author)");
    }
    if (favoritedBy != null) {
      query.append(
          " and exists (select 1 from Favorite f, User fu where f.articleId = a.id"
              + " and fu.id = f.userId and fu.active = true"
              + " and lower(fu.username) = lower(:favoritedBy))");
    }
    if (feedOf != null) {
      query.append(
          " and u.id in (select fo.followedId from Follow fo where fo.followerId = :reader)");
    }
    return query.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
