package org.conduit.article;

import java.time.Instant;
import java.util.List;
import org.conduit.profile.ProfileView;
import org.conduit.tag.Tag;

/**
 * One article as {@link ArticleRows} reads it: its columns, its author's profile, its tags and
 * favorites count, and the reader's own flags, all from one statement.
 *
 * @param body null in a list, which leaves it out
 */
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
