package org.conduit.common.cache;

import java.util.Optional;

/**
 * A committed change that cached reads depend on, fired as a CDI event by {@link DatabaseChanges}.
 *
 * @param kind what changed
 * @param id the account, for {@link Kind#ACCOUNT} and {@link Kind#READER}; the article, for {@link
 *     Kind#FAVORITES}; 0 otherwise
 */
public record Change(Kind kind, long id) {

  public enum Kind {
    /** One account (its profile, email, token version or activity). */
    ACCOUNT,
    /** Something an article list shows: articles, their tags, authors. */
    CONTENT,
    /** Who favorited one article: its favorites count, and the lists of favorites. */
    FAVORITES,
    /** One account's own favorites or follows: the flags of the lists it reads. */
    READER,
    /** Anything: the service lost track of changes for a while, so every cached read goes. */
    EVERYTHING
  }

  public static Change account(long id) {
    return new Change(Kind.ACCOUNT, id);
  }

  public static Change reader(long id) {
    return new Change(Kind.READER, id);
  }

  public static Change favorites(long articleId) {
    return new Change(Kind.FAVORITES, articleId);
  }

  public static Change content() {
    return new Change(Kind.CONTENT, 0);
  }

  public static Change everything() {
    return new Change(Kind.EVERYTHING, 0);
  }

  /**
   * A NOTIFY payload written by the V52, V53 and V55 triggers; anything unexpected counts as
   * everything.
   */
  static Change parse(String payload) {
    if ("content".equals(payload)) {
      return content();
    }
    if (payload != null && payload.startsWith("user:")) {
      return idOf(payload, "user:").map(Change::account).orElse(everything());
    }
    if (payload != null && payload.startsWith("reader:")) {
      return idOf(payload, "reader:").map(Change::reader).orElse(everything());
    }
    if (payload != null && payload.startsWith("favorites:")) {
      return idOf(payload, "favorites:").map(Change::favorites).orElse(everything());
    }
    return everything();
  }

  private static Optional<Long> idOf(String payload, String prefix) {
    try {
      return Optional.of(Long.parseLong(payload.substring(prefix.length())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
