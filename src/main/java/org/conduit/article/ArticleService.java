package org.conduit.article;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.conduit.common.Timestamps;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.concurrent.WorkGate;
import org.conduit.common.db.Sql;
import org.conduit.common.error.ApiException;
import org.conduit.common.error.Causes;
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

  /** The database reads of deep list pages no cache holds ({@link ListReadSettings}). */
  private final WorkGate listReads;

  /** How deep into its list a page may end and still be read without waiting for a turn. */
  private final int shallow;

  public ArticleService(
      RequestBodies bodies,
      DatabaseChanges databaseChanges,
      ArticleListCache lists,
      ReaderFlags readerFlags,
      ListReadSettings listReadSettings,
      MeterRegistry registry) {
    this.bodies = bodies;
    this.databaseChanges = databaseChanges;
    this.lists = lists;
    this.readerFlags = readerFlags;
    this.listReads =
        new WorkGate(
                "reading article lists",
                listReadSettings
                    .concurrency()
                    .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
                listReadSettings.queue(),
                listReadSettings.waitFor())
            .measured(registry, "list-reads");
    this.shallow = listReadSettings.shallow();
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
    return ArticleRows.bySlug(slug, idOf(viewer))
        .orElseThrow(() -> ApiException.notFound("article"))
        .view();
  }

  /**
   * 404, then 403, then 422: the body is only looked at once the caller may change the article. The
   * article is locked first, so that a racing delete makes this a 404 rather than a lost update.
   */
  @Transactional
  public ArticleView update(String slug, Account caller, UpdateArticleRequest request) {
    if (request != null && request.article() != null && request.article().getTagList() != null) {
      // Tag counts change: queue behind other such writers before the article (V54's order).
      Article.lockListing();
    }
    Article article = lockOwn(slug, caller);
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
      Article.tag(article.id, Tag.ensure(normalizeTags(changes.getTagList())));
    }
    article.updatedAt = later(Timestamps.now(), article.updatedAt);
    article.flush();
    databaseChanges.afterCommit(Change.content());
    return ArticleRows.byId(article.id, caller.id()).view();
  }

  /** A racing delete of the same article waits for this one, then finds nothing: 404. */
  @Transactional
  public void delete(String slug, Account caller) {
    Article.lockListing();
    lockOwn(slug, caller).delete();
    databaseChanges.afterCommit(Change.content());
  }

  /**
   * Deletes any article, listed or not, with its comments and favorites: the administration's
   * take-down. What the audit log calls it.
   */
  @Transactional
  public String takeDown(String slug) {
    Article.lockListing();
    Article article =
        Article.lock(slug, true)
            .map(id -> (Article) Article.findById(id))
            .orElseThrow(() -> ApiException.notFound("article"));
    String what = "article " + article.slug + " by " + article.author.username;
    article.delete();
    databaseChanges.afterCommit(Change.content());
    return what;
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

  /**
   * Lists come from {@link ArticleListCache} while it keeps pages; the feed, which depends on
   * follows, never does. A deep page read from the database for {@code GET /api/articles} waits for
   * a turn at {@link #listReads}; a shallow one, and the feed, whose readers are signed in, do not.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ArticleListResponse list(ArticleSearch search, Paging paging, Optional<Account> viewer) {
    if (search.feedOf() != null) {
      return read(search, paging, idOf(viewer)).response();
    }
    if (!lists.keeping()) {
      return turn(paging, () -> read(search, paging, idOf(viewer))).response();
    }
    ArticleListCache.Page page =
        lists.get(search, paging, () -> turn(paging, () -> read(search, paging, null)));
    return viewer
        .map(
            reader ->
                Sql.detached(
                    () ->
                        page.seenBy(
                            readerFlags.among(reader.id(), page.articleIds(), page.authorIds()))))
        .orElse(page.response());
  }

  /**
   * Reads a deep page when its turn at {@link #listReads} comes, a shallow one at once; either in a
   * request context of its own, as the page may be kept for others after its client has gone.
   */
  private <T> T turn(Paging paging, Supplier<T> read) {
    if ((long) paging.offset() + paging.limit() <= shallow) {
      return Sql.detached(read);
    }
    return listReads.run(() -> Sql.detached(read));
  }

  /** The count, and the page as the viewer sees it when the offset is not past the end. */
  private static ArticleListCache.Page read(ArticleSearch search, Paging paging, Long viewerId) {
    ArticleRows.Counted counted = ArticleRows.count(search, paging);
    long count = counted.articles();
    List<ArticleRow> rows =
        count > paging.offset() ? ArticleRows.page(counted.search(), paging, viewerId) : List.of();
    return new ArticleListCache.Page(
        new ArticleListResponse(rows.stream().map(ArticleRow::item).toList(), count),
        rows.stream().map(ArticleRow::id).toList(),
        rows.stream().map(ArticleRow::authorId).toList());
  }

  @Transactional
  public ArticleView favorite(String slug, Account caller) {
    long articleId = lockArticle(slug);
    Favorite.add(caller.id(), articleId);
    databaseChanges.afterCommit(Change.favorites(articleId));
    databaseChanges.afterCommit(Change.reader(caller.id()));
    return ArticleRows.byId(articleId, caller.id()).view();
  }

  @Transactional
  public ArticleView unfavorite(String slug, Account caller) {
    long articleId = lockArticle(slug);
    Favorite.remove(caller.id(), articleId);
    databaseChanges.afterCommit(Change.favorites(articleId));
    databaseChanges.afterCommit(Change.reader(caller.id()));
    return ArticleRows.byId(articleId, caller.id()).view();
  }

  private ArticleView insert(long authorId, NewArticle form) {
    Article article = new Article();
    article.slug = Slugs.forTitle(form.title(), Article::slugTaken);
    article.title = form.title();
    article.description = form.description();
    article.body = form.body();
    article.author = Article.getEntityManager().getReference(User.class, authorId);
    article.createdAt = Timestamps.now();
    article.updatedAt = article.createdAt;
    List<Long> tagIds = Tag.ensure(normalizeTags(form.tagList()));
    article.persistAndFlush();
    if (!tagIds.isEmpty()) {
      Article.addTags(article.id, tagIds);
    }
    databaseChanges.afterCommit(Change.content());
    return ArticleRows.byId(article.id, authorId).view();
  }

  /**
   * The id of the listed article with this slug, locked first so that a favorite or unfavorite
   * queues behind its deletion rather than deadlocking with it (V54).
   */
  private static long lockArticle(String slug) {
    return Article.lock(slug, false).orElseThrow(() -> ApiException.notFound("article"));
  }

  /** The caller's own listed article with this slug, locked until the transaction ends. */
  private static Article lockOwn(String slug, Account caller) {
    Article article = Article.findById(lockArticle(slug));
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
    ConstraintViolationException violation = Causes.first(e, ConstraintViolationException.class);
    return violation != null && "articles_slug_unique".equals(violation.getConstraintName());
  }
}
