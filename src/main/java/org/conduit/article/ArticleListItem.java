package org.conduit.article;

import java.time.Instant;
import java.util.List;
import org.conduit.profile.ProfileView;

/** An article in a list: everything but the body, which lists leave out to stay small. */
public record ArticleListItem(
    String slug,
    String title,
    String description,
    List<String> tagList,
    Instant createdAt,
    Instant updatedAt,
    boolean favorited,
    long favoritesCount,
    ProfileView author) {

  /** The same item as a reader with these flags sees it. */
  ArticleListItem seenAs(boolean favorited, boolean followingAuthor) {
    return new ArticleListItem(
        slug,
        title,
        description,
        tagList,
        createdAt,
        updatedAt,
        favorited,
        favoritesCount,
        new ProfileView(author.username(), author.bio(), author.image(), followingAuthor));
  }
}
