package org.conduit.common.error;

import java.util.Locale;
import java.util.Map;

/**
 * Which request field a unique index of the schema protects, so that a duplicate caught by the
 * database (two requests racing past the service's own check) is answered like any other 409.
 */
final class UniqueConstraints {

  private static final Map<String, String> FIELDS =
      Map.of(
          "users_email_unique", "email",
          "users_username_unique", "username",
          // The slug is retried on a clash; only a clash on every attempt gets here.
          "articles_slug_unique", "slug");

  private UniqueConstraints() {}

  static String fieldOf(String constraintName) {
    return constraintName == null ? null : FIELDS.get(constraintName.toLowerCase(Locale.ROOT));
  }
}
