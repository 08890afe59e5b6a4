package org.conduit.article;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.conduit.profile.ProfileView;
import org.conduit.tag.Tag;

/**
 * One article as {@link ArticleRows} reads it: its columns, its author's profile, its tags and
 * favorites count, and the reader's own flags, all from one statement.
 *
 * @param body null in a list, which leaves it out
 */
@RegisterForReflection // built from query results, which a native image cannot see
record ArticleRow(
    long id,
    String slug,
    String title,
    String description,
    String body,
    Instant createdAt,
    Instant updatedAt,
    long favoritesCount,
    long authorId,
    String authorUsername,
    String authorBio,
    String authorImage,
    List<String> tags,
    boolean favorited,
    boolean following) {

  ArticleRow {
    tags = tags.stream().sorted(Tag.ALPHABETICAL).toList();
  }

  /** From a result row, in the order of {@link ArticleRows}' columns. */
  static ArticleRow of(Object[] row) {
    return new ArticleRow(
        (Long) row[0],
        (String) row[1],
        (String) row[2],
        (String) row[3],
        (String) row[4],
        (Instant) row[5],
        (Instant) row[6],
        (Integer) row[7],
        (Long) row[8],
        (String) row[9],
        (String) row[10],
        (String) row[11],
        Arrays.asList((String[]) row[12]),
        (Boolean) row[13],
        (Boolean) row[14]);
  }

  ArticleListItem item() {
    return new ArticleListItem(
        slug, title, description, tags, createdAt, updatedAt, favorited, favoritesCount, author());
  }

  ArticleView view() {
    return new ArticleView(
        slug,
        title,
        description,
        body,
        tags,
        createdAt,
        updatedAt,
        favorited,
        favoritesCount,
        author());
  }

  private ProfileView author() {
    return new ProfileView(authorUsername, authorBio, authorImage, following);
  }
}
