package org.conduit.article;

import java.util.List;

/** {@code {"articles": [...], "articlesCount": n}}; the count ignores limit and offset. */
public record ArticleListResponse(List<ArticleListItem> articles, long articlesCount) {}
