package org.conduit.article;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.conduit.common.cache.CacheSettings;
import org.conduit.common.cache.Change;
import org.conduit.common.cache.CoherentCache;
import org.conduit.common.cache.DatabaseChanges;
import org.conduit.common.db.Sql;
import org.conduit.profile.Follow;

/**
 * A signed-in reader's own {@code favorited} and {@code following} flags on a kept page of
 * articles. Each reader's favorites and follows are kept in memory as sorted ids, and dropped the
 * moment they change: at this service's own commit, and through {@link DatabaseChanges} (the V53
 * triggers) for changes made anywhere else. The flags of a reader with more than {@link #MAX_KEPT}
 * favorites or follows, and every reader's while changes cannot be heard, are read for each page
 * instead, in one small statement. Memory is bounded by the number of ids kept ({@code
 * conduit.cache.reader-ids}, 8 bytes each).
 */
@ApplicationScoped
public class ReaderFlags {

  static final int MAX_KEPT = 5_000;

  /** What one reader sees flagged on one page. */
  record Seen(Set<Long> favorited, Set<Long> followed) {}

  /** One reader's favorites and follows, sorted; {@link #TOO_MANY} when they were not kept. */
  private record Kept(long[] favorited, long[] followed) {

    static final Kept TOO_MANY = new Kept(new long[0], new long[0]);

    int weight() {
      return 1 + favorited.length + followed.length;
    }

    Seen among(List<Long> articleIds, List<Long> authorIds) {
      return new Seen(within(favorited, articleIds), within(followed, authorIds));
    }
  }

  private final DatabaseChanges changes;
  private final CoherentCache<Long, Kept> readers;

  public ReaderFlags(DatabaseChanges changes, CacheSettings settings) {
    this.changes = changes;
    this.readers = new CoherentCache<>(changes, settings.readerIds(), Kept::weight);
  }

  /** Which of these articles the reader favorited, and which of these authors they follow. */
  Seen among(long readerId, List<Long> articleIds, List<Long> authorIds) {
    Kept kept = changes.live() ? readers.get(readerId, () -> load(readerId)) : Kept.TOO_MANY;
    return kept == Kept.TOO_MANY
        ? read(readerId, articleIds, authorIds)
        : kept.among(articleIds, authorIds);
  }

  /**
   * The flags of one page from the database, both in one statement (one connection and one round
   * trip per page for the readers whose ids are not kept). The reader goes into the statement's
   * text, not bound: PostgreSQL's generic plan for a bound reader read all of a heavy reader's
   * favorites (47 ms for 199,000) to find a page's few.
   */
  private static Seen read(long readerId, List<Long> articleIds, List<Long> authorIds) {
    record Flag(boolean favorite, long id) {}
    List<Flag> flags =
        Sql.list(
            "SELECT true AS favorite, article_id AS id FROM favorites"
                + " WHERE user_id = :reader AND article_id = ANY (:articles)"
                + " UNION ALL SELECT false, followed_id FROM follows"
                + " WHERE follower_id = :reader AND followed_id = ANY (:authors)",
            Map.of(
                "reader", new Sql.Literal(readerId),
                "articles", Set.copyOf(articleIds),
                "authors", Set.copyOf(authorIds)),
            row -> new Flag(row.getBoolean("favorite"), row.getLong("id")));
    Set<Long> favorited = new HashSet<>();
    Set<Long> followed = new HashSet<>();
    flags.forEach(flag -> (flag.favorite() ? favorited : followed).add(flag.id()));
    return new Seen(favorited, followed);
  }

  /** The same, when the reader's favorites and follows are kept; never blocks. */
  Optional<Seen> known(long readerId, List<Long> articleIds, List<Long> authorIds) {
    return readers
        .known(readerId)
        .filter(kept -> kept != Kept.TOO_MANY)
        .map(kept -> kept.among(articleIds, authorIds));
  }

  void changed(@Observes Change change) {
    switch (change.kind()) {
      case READER -> readers.drop(change.id());
      case EVERYTHING -> readers.dropAll();
      case ACCOUNT, CONTENT, FAVORITES -> {}
    }
  }

  private static Kept load(long readerId) {
    List<Long> favorited = Favorite.articlesOf(readerId, MAX_KEPT + 1);
    List<Long> followed = Follow.followedBy(readerId, MAX_KEPT + 1);
    if (favorited.size() > MAX_KEPT || followed.size() > MAX_KEPT) {
      return Kept.TOO_MANY;
    }
    return new Kept(sorted(favorited), sorted(followed));
  }

  private static long[] sorted(List<Long> ids) {
    long[] sorted = ids.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private static Set<Long> within(long[] kept, List<Long> ids) {
    Set<Long> found = new HashSet<>();
    for (Long id : ids) {
      if (Arrays.binarySearch(kept, id) >= 0) {
        found.add(id);
      }
    }
    return found;
  }
}
