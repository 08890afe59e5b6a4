package org.conduit.article;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.conduit.common.Timestamps;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.error.ApiException;
import org.conduit.common.validation.RequestBodies;
import org.conduit.tag.Tag;
import org.conduit.user.Account;
import org.conduit.user.User;
import org.hibernate.exception.ConstraintViolationException;

/** Writing, reading, listing and favoriting articles. Only its author may change an article. */
@ApplicationScoped
public class ArticleService {

  /** A slug clash can only come from a racing request; a fresh suffix settles it. */
  private static final int CREATE_ATTEMPTS = 3;

  private final RequestBodies bodies;
  private final DatabaseChanges databaseChanges;
  private final ArticleListCache lists;
  private final ReaderFlags readerFlags;

  public ArticleService(
      RequestBodies bodies,
      DatabaseChanges databaseChanges,
      ArticleListCache lists,
      ReaderFlags readerFlags) {
    this.bodies = bodies;
    this.databaseChanges = databaseChanges;
    this.lists = lists;
    this.readerFlags = readerFlags;
  }

  public ArticleView create(Account author, NewArticle form) {
    for (int attempt = 1; ; attempt++) {
      try {
        return QuarkusTransaction.requiringNew().call(() -> insert(author.id(), form));
      } catch (RuntimeException e) {
        if (attempt == CREATE_ATTEMPTS || !isSlugClash(e)) {
          throw e;
        }
      }
    }
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ArticleView get(String slug, Optional<Account> viewer) {
    return ArticleViews.one(requireArticle(slug), idOf(viewer));
  }

  /** 404, then 403, then 422: the body is only looked at once the caller may change the article. */
  @Transactional
  public ArticleView update(String slug, Account caller, UpdateArticleRequest request) {
    Article article = requireOwn(slug, caller);
    ArticleChanges changes = bodies.requireValid(request).article();
    if (changes.getTitle() != null) {
      article.title = changes.getTitle();
    }
    if (changes.getDescription() != null) {
      article.description = changes.getDescription();
    }
    if (changes.getBody() != null) {
      article.body = changes.getBody();
    }
    if (changes.getTagList() != null) {
      article.tags.clear();
      article.tags.addAll(Tag.ensure(normalizeTags(changes.getTagList())));
    }
    article.updatedAt = later(Timestamps.now(), article.updatedAt);
    article.flush();
    databaseChanges.afterCommit(Change.content());
    return ArticleViews.one(article, caller.id());
  }

  @Transactional
  public void delete(String slug, Account caller) {
    requireOwn(slug, caller).delete();
    databaseChanges.afterCommit(Change.content());
  }

  /**
   * The page as this reader (empty: an anonymous one) sees it, when everything it needs is kept;
   * never blocks, so it can be asked on an I/O thread.
   */
  public Optional<ArticleListResponse> kept(
      ArticleSearch search, Paging paging, Optional<Account> viewer) {
    if (search.feedOf() != null) {
      return Optional.empty();
    }
    Optional<ArticleListCache.Page> page = lists.kept(search, paging);
    if (page.isEmpty() || viewer.isEmpty()) {
      return page.map(ArticleListCache.Page::response);
    }
    return readerFlags
        .known(viewer.get().id(), page.get().articleIds(), page.get().authorIds())
        .map(page.get()::seenBy);
  }

  /** Lists come from {@link ArticleListCache}; the feed, which depends on follows, never does. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ArticleListResponse list(ArticleSearch search, Paging paging, Optional<Account> viewer) {
    if (search.feedOf() != null) {
      return read(search, paging, idOf(viewer)).response();
    }
    ArticleListCache.Page page = lists.get(search, paging, () -> read(search, paging, null));
    return viewer
        .map(
            reader ->
                page.seenBy(readerFlags.among(reader.id(), page.articleIds(), page.authorIds())))
        .orElse(page.response());
  }

  /**
   * The page and the count as the viewer sees them: the count first, and the page only when the
   * offset is not past the end; or, where the page query counts ({@link
   * ArticleSearch#countedWithPage()}), the page first, and the count apart only for a page past the
   * end.
   */
  private static ArticleListCache.Page read(ArticleSearch search, Paging paging, Long viewerId) {
    List<ArticleRow> rows = List.of();
    long count;
    if (search.countedWithPage()) {
      rows = pageOf(search, paging);
      if (!rows.isEmpty()) {
        count = rows.get(0).total();
      } else {
        count = paging.offset() == 0 ? 0 : countOf(search); // an empty first page: nothing matches
      }
    } else {
      count = countOf(search);
      if (count > paging.offset()) {
        rows = pageOf(search, paging);
      }
    }
    List<ArticleListItem> items =
        search.feedOf() != null
            ? ArticleViews.feed(rows, viewerId)
            : ArticleViews.list(rows, viewerId);
    return new ArticleListCache.Page(
        new ArticleListResponse(items, count),
        rows.stream().map(ArticleRow::id).toList(),
        rows.stream().map(ArticleRow::authorId).toList());
  }

  private static long countOf(ArticleSearch search) {
    TypedQuery<Long> query =
        Article.getEntityManager().createQuery(search.countQuery(), Long.class);
    search.parameters().forEach(query::setParameter);
    return query.getSingleResult();
  }

  private static List<ArticleRow> pageOf(ArticleSearch search, Paging paging) {
    TypedQuery<ArticleRow> query =
        Article.getEntityManager().createQuery(search.pageQuery(), ArticleRow.class);
    search.parameters().forEach(query::setParameter);
    return query.setFirstResult(paging.offset()).setMaxResults(paging.limit()).getResultList();
  }

  @Transactional
  public ArticleView favorite(String slug, Account caller) {
    Article article = requireArticle(slug);
    Favorite.add(caller.id(), article.id);
    databaseChanges.afterCommit(Change.content());
    databaseChanges.afterCommit(Change.reader(caller.id()));
    return ArticleViews.one(article, caller.id());
  }

  @Transactional
  public ArticleView unfavorite(String slug, Account caller) {
    Article article = requireArticle(slug);
    Favorite.remove(caller.id(), article.id);
    databaseChanges.afterCommit(Change.content());
    databaseChanges.afterCommit(Change.reader(caller.id()));
    return ArticleViews.one(article, caller.id());
  }

  private ArticleView insert(long authorId, NewArticle form) {
    Article article = new Article();
    article.slug = Slugs.forTitle(form.title(), Article::slugTaken);
    article.title = form.title();
    article.description = form.description();
    article.body = form.body();
    article.author = User.findById(authorId);
    article.tags.addAll(Tag.ensure(normalizeTags(form.tagList())));
    article.createdAt = Timestamps.now();
    article.updatedAt = article.createdAt;
    article.persistAndFlush();
    databaseChanges.afterCommit(Change.content());
    return ArticleViews.one(article, authorId);
  }

  private static Article requireArticle(String slug) {
    return Article.findVisibleBySlug(slug).orElseThrow(() -> ApiException.notFound("article"));
  }

  private static Article requireOwn(String slug, Account caller) {
    Article article = requireArticle(slug);
    if (!article.author.id.equals(caller.id())) {
      throw ApiException.forbidden("article");
    }
    return article;
  }

  /** Trimmed, each once, in the order given. */
  private static Set<String> normalizeTags(List<String> tags) {
    Set<String> names = new LinkedHashSet<>();
    tags.forEach(tag -> names.add(tag.strip()));
    return names;
  }

  /** Clients tell an edit by updatedAt moving on, even within the millisecond of the last one. */
  private static Instant later(Instant now, Instant previous) {
    return now.isAfter(previous) ? now : previous.plusMillis(1);
  }

  private static Long idOf(Optional<Account> user) {
    return user.map(Account::id).orElse(null);
  }

  private static boolean isSlugClash(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConstraintViolationException violation
          && "articles_slug_unique".equals(violation.getConstraintName())) {
        return true;
      }
    }
    return false;
  }
}
