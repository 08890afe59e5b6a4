package org.conduit.comment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;

/** The body of {@code POST /api/articles/{slug}/comments}. */
public record NewComment(
    @NotBlank(message = Messages.BLANK)
        @Size(max = NewComment.MAX_BODY, message = Messages.TOO_LONG)
        String body) {

  static final int MAX_BODY = 10_000;
}
