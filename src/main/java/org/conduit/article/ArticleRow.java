package org.conduit.article;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.conduit.profile.ProfileView;

/**
 * One article of a list page as the page query selects it ({@code select new}): the columns a list
 * shows and nothing more, neither the body nor anything of the author's account but their profile,
 * and no managed entity to set up and track.
 *
 * @param total every matching article, when the page query counts them ({@link
 *     ArticleSearch#countedWithPage()}); null (selected as such) when they are counted apart
 */
@RegisterForReflection // instantiated by Hibernate from the HQL, which a native image cannot see
record ArticleRow(
    Long id,
    String slug,
    String title,
    String description,
    Instant createdAt,
    Instant updatedAt,
    Long authorId,
    String authorUsername,
    String authorBio,
    String authorImage,
    Long total) {

  ProfileView author(boolean following) {
    return new ProfileView(authorUsername, authorBio, authorImage, following);
  }
}
