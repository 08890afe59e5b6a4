package org.conduit.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.conduit.common.cache.CacheSettings;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.CoherentCache;
import org.conduit.common.cache.DatabaseChanges;

/**
 * Pages of {@code GET /api/articles} as an anonymous reader sees them, kept between requests: the
 * kept count and the page cost two statements, and most readers ask for the same few pages. A
 * change to what a list shows drops the pages it concerns (every page, but for a favorite: {@link
 * #changed}), at this service's own commit and through {@link DatabaseChanges} for changes made
 * anywhere else; while changes cannot be heard, nothing is kept. A signed-in reader gets the same
 * page with their own {@code favorited} and {@code following} flags ({@link ReaderFlags}). The feed
 * depends on follows and is never kept.
 */
@ApplicationScoped
public class ArticleListCache {

  /** A page as an anonymous reader sees it, and the ids a signed-in reader's flags are read for. */
  record Page(ArticleListResponse response, List<Long> articleIds, List<Long> authorIds) {

    ArticleListResponse seenBy(ReaderFlags.Seen seen) {
      List<ArticleListItem> items = new ArrayList<>(articleIds.size());
      for (int i = 0; i < articleIds.size(); i++) {
        items.add(
            response
                .articles()
                .get(i)
                .seenAs(
                    seen.favorited().contains(articleIds.get(i)),
                    seen.followed().contains(authorIds.get(i))));
      }
      return new ArticleListResponse(items, response.articlesCount());
    }
  }

  private record Key(ArticleSearch search, Paging paging) {}

  private final DatabaseChanges changes;
  private final CoherentCache<Key, Page> pages;

  public ArticleListCache(DatabaseChanges changes, CacheSettings settings) {
    this.changes = changes;
    this.pages = new CoherentCache<>(changes, settings.articlePages());
  }

  /**
   * Whether pages are kept now; while they are not, a page is best read with the reader's flags.
   */
  boolean keeping() {
    return changes.live();
  }

  /**
   * The page when it is kept and may be trusted; never blocks, so it can be asked on I/O threads.
   */
  Optional<Page> kept(ArticleSearch search, Paging paging) {
    return pages.known(new Key(search, paging));
  }

  Page get(ArticleSearch search, Paging paging, Supplier<Page> read) {
    return pages.get(new Key(search, paging), read);
  }

  /**
   * Most changes can change any list: its count, its order, an author's profile. A favorite changes
   * only the pages that show its article (their favorites count) and the lists of favorites; a
   * reader's own favorites and follows change only their own flags ({@link ReaderFlags}).
   */
  void changed(@Observes Change change) {
    switch (change.kind()) {
      case FAVORITES ->
          pages.dropIf(
              (key, page) ->
                  key.search().favoritedBy() != null || page.articleIds().contains(change.id()));
      case READER -> {}
      case ACCOUNT, CONTENT, EVERYTHING -> pages.dropAll();
    }
  }
}
