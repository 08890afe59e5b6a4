package org.conduit.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.conduit.common.validation.Messages;

/** The body of {@code POST /api/articles}. Without a tag list the article has no tags. */
public record NewArticle(
    @NotBlank(message = Messages.BLANK)
        @Size(max = ArticleLimits.TITLE, message = Messages.TOO_LONG)
        String title,
    @NotBlank(message = Messages.BLANK)
        @Size(max = ArticleLimits.DESCRIPTION, message = Messages.TOO_LONG)
        String description,
    @NotBlank(message = Messages.BLANK) @Size(max = ArticleLimits.BODY, message = Messages.TOO_LONG)
        String body,
    @Size(max = ArticleLimits.TAGS, message = Messages.TOO_LONG)
        List<
                @NotBlank(message = Messages.BLANK)
                @Size(max = ArticleLimits.TAG, message = Messages.TOO_LONG) String>
            tagList) {

  public NewArticle {
    title = title == null ? null : title.strip();
    tagList = tagList == null ? List.of() : tagList;
  }
}
