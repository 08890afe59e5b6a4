package org.conduit.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.conduit.common.validation.Messages;
import org.conduit.common.validation.NullOrNotBlank;

/**
 * The body of {@code PUT /api/articles/{slug}}: a partial update, a class rather than a record
 * because an absent key and an explicit {@code null} must differ. For the texts, Jackson turns an
 * explicit {@code null} into {@code ""}, which is refused like any blank value. For the tag list,
 * absent keeps the tags, {@code []} clears them and {@code null} is refused.
 */
@ArticleChanges.TagListNotNull
public final class ArticleChanges {

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(max = ArticleLimits.TITLE, message = Messages.TOO_LONG)
  private String title;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(max = ArticleLimits.DESCRIPTION, message = Messages.TOO_LONG)
  private String description;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(max = ArticleLimits.BODY, message = Messages.TOO_LONG)
  private String body;

  @Size(max = ArticleLimits.TAGS, message = Messages.TOO_LONG)
  private List<
          @NotBlank(message = Messages.BLANK)
          @Size(max = ArticleLimits.TAG, message = Messages.TOO_LONG) String>
      tagList;

  private boolean tagListGiven;

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title == null ? null : title.strip();
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  /** The new tags, or {@code null} to keep the current ones. */
  public List<String> getTagList() {
    return tagList;
  }

  public void setTagList(List<String> tagList) {
    this.tagList = tagList;
    this.tagListGiven = true;
  }

  /** {@code "tagList": null} is a 422 on {@code tagList}: only an absent key keeps the tags. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = TagListNotNull.Validator.class)
  public @interface TagListNotNull {

    String message() default Messages.BLANK;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<TagListNotNull, ArticleChanges> {
      @Override
      public boolean isValid(ArticleChanges changes, ConstraintValidatorContext context) {
        if (changes == null || !changes.tagListGiven || changes.tagList != null) {
          return true;
        }
        context.disableDefaultConstraintViolation();
        context
            .buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
            .addPropertyNode("tagList")
            .addConstraintViolation();
        return false;
      }
    }
  }
}
