package org.conduit.admin;

import java.time.Instant;

/** One of an account's articles, listed or not (an article is hidden while its author is). */
public record AdminArticleView(
    String slug, String title, Instant createdAt, boolean listed, long favoritesCount) {}
