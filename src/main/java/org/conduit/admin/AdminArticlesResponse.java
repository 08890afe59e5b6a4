package org.conduit.admin;

import java.util.List;

/** {@code {"articles": [...], "articlesCount": n}}. */
public record AdminArticlesResponse(List<AdminArticleView> articles, long articlesCount) {}
