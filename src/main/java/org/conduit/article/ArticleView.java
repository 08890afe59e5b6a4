package org.conduit.article;

import java.time.Instant;
import java.util.List;
import org.conduit.profile.ProfileView;

/** One article as the API shows it, body included. */
public record ArticleView(
    String slug,
    String title,
    String description,
    String body,
    List<String> tagList,
    Instant createdAt,
    Instant updatedAt,
    boolean favorited,
    long favoritesCount,
    ProfileView author) {}
