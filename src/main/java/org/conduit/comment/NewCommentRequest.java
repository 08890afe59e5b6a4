package org.conduit.comment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/**
 * {@code {"comment": {"body": ...}}}. Validated by the service once the article is known to exist.
 */
public record NewCommentRequest(@Valid @NotNull(message = Messages.BLANK) NewComment comment) {}
