package org.conduit.article;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/**
 * {@code PUT /api/articles/{slug}}: {@code {"article": {...any of the fields...}}}. Validated by
 * the service once the article is known to exist and to belong to the caller.
 */
public record UpdateArticleRequest(
    @Valid @NotNull(message = Messages.BLANK) ArticleChanges article) {}
