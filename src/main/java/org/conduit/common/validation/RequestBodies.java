package org.conduit.common.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import org.conduit.common.error.ApiException;

/**
 * Validates a request body by hand, for endpoints that must answer 404 or 403 before 422: a
 * {@code @Valid} parameter would be checked before the resource method runs.
 */
@ApplicationScoped
public class RequestBodies {

  private final Validator validator;

  public RequestBodies(Validator validator) {
    this.validator = validator;
  }

  /** The body itself when it is valid; otherwise a 422 keyed by field, as for {@code @Valid}. */
  public <T> T requireValid(T body) {
    if (body == null) {
      throw new ApiException(422, "body", Messages.BLANK);
    }
    Set<ConstraintViolation<T>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return body;
  }
}
