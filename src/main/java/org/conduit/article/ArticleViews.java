package org.conduit.article;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.conduit.common.db.ArrayReads;
import org.conduit.profile.Follow;
import org.conduit.profile.ProfileView;
import org.conduit.tag.Tag;

/**
 * Turns an article (author already fetched) or a list page's {@link ArticleRow}s into what the API
 * shows. Whatever the number of articles, it costs three queries: their tags, their favorites, and
 * which authors the viewer follows; two for a feed page, whose authors the viewer follows by
 * definition. Nothing is loaded article by article.
 */
final class ArticleViews {

  private final Map<Long, List<String>> tags;
  private final Map<Long, Favorite.Stats> favorites;
  private final Set<Long> followed;

  private ArticleViews(List<Long> ids, Set<Long> authorIds, Long viewerId, boolean allFollowed) {
    this.tags = ids.isEmpty() ? Map.of() : tagsOf(ids);
    this.favorites = ids.isEmpty() ? Map.of() : Favorite.statsOf(ids, viewerId);
    this.followed = allFollowed ? authorIds : Follow.followedAmong(viewerId, authorIds);
  }

  static ArticleView one(Article article, Long viewerId) {
    return new ArticleViews(List.of(article.id), Set.of(article.author.id), viewerId, false)
        .full(article);
  }

  static List<ArticleListItem> list(List<ArticleRow> rows, Long viewerId) {
    return items(rows, viewerId, false);
  }

  /**
   * A page of the viewer's feed: the page query kept only authors the viewer follows, so asking
   * again could only disagree with it (an unfollow committed in between).
   */
  static List<ArticleListItem> feed(List<ArticleRow> rows, Long viewerId) {
    return items(rows, viewerId, true);
  }

  private static List<ArticleListItem> items(
      List<ArticleRow> rows, Long viewerId, boolean allFollowed) {
    ArticleViews views =
        new ArticleViews(
            rows.stream().map(ArticleRow::id).toList(),
            rows.stream().map(ArticleRow::authorId).collect(Collectors.toSet()),
            viewerId,
            allFollowed);
    return rows.stream().map(views::item).toList();
  }

  private ArticleView full(Article a) {
    Favorite.Stats stats = favorites.getOrDefault(a.id, Favorite.Stats.NONE);
    return new ArticleView(
        a.slug,
        a.title,
        a.description,
        a.body,
        tags.getOrDefault(a.id, List.of()),
        a.createdAt,
        a.updatedAt,
        stats.byViewer(),
        stats.count(),
        author(a));
  }

  private ArticleListItem item(ArticleRow row) {
    Favorite.Stats stats = favorites.getOrDefault(row.id(), Favorite.Stats.NONE);
    return new ArticleListItem(
        row.slug(),
        row.title(),
        row.description(),
        tags.getOrDefault(row.id(), List.of()),
        row.createdAt(),
        row.updatedAt(),
        stats.byViewer(),
        stats.count(),
        row.author(followed.contains(row.authorId())));
  }

  private ProfileView author(Article a) {
    return ProfileView.of(a.author, followed.contains(a.author.id));
  }

  private static Map<Long, List<String>> tagsOf(List<Long> articleIds) {
    Map<Long, List<String>> tags = new HashMap<>();
    for (Map.Entry<Long, String> row :
        ArrayReads.list(
            Article.getEntityManager(),
            "SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id"
                + " WHERE at.article_id = ANY (?)",
            row -> Map.entry(row.getLong(1), row.getString(2)),
            articleIds)) {
      tags.computeIfAbsent(row.getKey(), id -> new ArrayList<>()).add(row.getValue());
    }
    tags.values().forEach(names -> names.sort(Tag.ALPHABETICAL));
    return tags;
  }
}
