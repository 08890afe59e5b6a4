package org.conduit.common.error;

import java.util.Locale;
import java.util.Map;

/**
 * What the schema's constraints mean to a client, for violations that race past the services' own
 * checks: which request field a unique index protects (answered like any other 409), and which
 * resource a foreign key needs (answered like any other 404).
 */
final class SchemaConstraints {

  private static final Map<String, String> FIELDS =
      Map.of(
          "users_email_unique", "email",
          "users_username_unique", "username",
          // The slug is retried on a clash; only a clash on every attempt gets here.
          "articles_slug_unique", "slug");

  private SchemaConstraints() {}

  /**
   * The resource a foreign key points at when the row it needs was deleted under a concurrent
   * request (an article deleted while someone favorites or comments on it): that request gets the
   * 404 it would have had a moment later, not a 500.
   */
  static String missingResourceOf(String constraintName) {
    if (constraintName == null) {
      return null;
    }
    return constraintName.toLowerCase(Locale.ROOT).endsWith("_article_id_fkey") ? "article" : null;
  }

  static String fieldOf(String constraintName) {
    return constraintName == null ? null : FIELDS.get(constraintName.toLowerCase(Locale.ROOT));
  }
}
