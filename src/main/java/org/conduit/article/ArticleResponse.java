package org.conduit.article;

/** {@code {"article": {...}}}. */
public record ArticleResponse(ArticleView article) {}
