package org.conduit.article;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/** {@code POST /api/articles}: {@code {"article": {...}}}. */
public record NewArticleRequest(@Valid @NotNull(message = Messages.BLANK) NewArticle article) {}
