package org.conduit.common.cache;

/**
 * A committed change that cached reads depend on, fired as a CDI event by {@link DatabaseChanges}.
 *
 * @param kind what changed
 * @param accountId the account, for {@link Kind#ACCOUNT}; 0 otherwise
 */
public record Change(Kind kind, long accountId) {

  public enum Kind {
    /** One account (its profile, email, token version or activity). */
    ACCOUNT,
    /** Something an article list shows: articles, their tags, favorites, authors. */
    CONTENT,
    /** Anything: the service lost track of changes for a while, so every cached read goes. */
    EVERYTHING
  }

  public static Change account(long id) {
    return new Change(Kind.ACCOUNT, id);
  }

  public static Change content() {
    return new Change(Kind.CONTENT, 0);
  }

  public static Change everything() {
    return new Change(Kind.EVERYTHING, 0);
  }

  /** A NOTIFY payload written by the V52 triggers; anything unexpected counts as everything. */
  static Change parse(String payload) {
    if ("content".equals(payload)) {
      return content();
    }
    if (payload != null && payload.startsWith("user:")) {
      try {
        return account(Long.parseLong(payload.substring("user:".length())));
      } catch (NumberFormatException e) {
        return everything();
      }
    }
    return everything();
  }
}
