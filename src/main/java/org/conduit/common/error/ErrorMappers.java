package org.conduit.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.conduit.common.security.AuthMessages;
import org.conduit.common.validation.Messages;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The single error path: every failure, expected or not, leaves as an {@code errors} envelope with
 * a 4xx or 5xx status, never as HTML, a stack trace or an empty body. Mappers are picked by the
 * closest exception type, and ours outrank the framework's built-in ones for the same type.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  private final DatabaseOutage outage;

  public ErrorMappers(DatabaseOutage outage) {
    this.outage = outage;
  }

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response.ResponseBuilder response = Response.fromResponse(respond(e.status(), e.body()));
    e.headers().forEach(response::header);
    return response.build();
  }

  /** Bean Validation on request bodies: 422, messages grouped by field. */
  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    Map<String, List<String>> errors = new TreeMap<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      errors
          .computeIfAbsent(fieldOf(violation.getPropertyPath()), k -> new ArrayList<>())
          .add(violation.getMessage());
    }
    errors.values().forEach(messages -> messages.sort(null));
    return respond(422, new ErrorResponse(errors));
  }

  /** No usable credentials on an endpoint that needs them. */
  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, HttpHeaders headers) {
    return tokenRejected(AuthMessages.forMissingIdentity(headers));
  }

  /**
   * A token was sent and refused: by SmallRye JWT (signature, algorithm, issuer, expiry...), or by
   * its account ({@code user/AccountRoles}), which says why.
   */
  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e) {
    ApiException answer = Causes.first(e, ApiException.class);
    return answer != null ? api(answer) : tokenRejected(AuthMessages.INVALID);
  }

  /** Signed in, without the role an endpoint asks for ({@code @RolesAllowed}). */
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return respond(403, ErrorResponse.of("permission", "forbidden"));
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return respond(422, jsonError(e));
  }

  /** Outranks the framework's own 400 mapper for this type. */
  @ServerExceptionMapper
  public Response mismatchedJson(MismatchedInputException e) {
    return respond(422, jsonError(e));
  }

  /** Routing and content negotiation failures raised by the REST layer itself. */
  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    JsonProcessingException json = Causes.first(e, JsonProcessingException.class);
    if (json != null) {
      return respond(422, jsonError(json));
    }
    int status = e.getResponse().getStatus();
    ErrorResponse body =
        switch (status) {
          case 404 -> ErrorResponse.of("path", "not found");
          case 405 -> ErrorResponse.of("method", "is not allowed on this path");
          case 406 -> ErrorResponse.of("accept", "must allow application/json");
          case 415 -> ErrorResponse.of("content-type", "must be application/json");
          case 401 -> ErrorResponse.of("token", AuthMessages.MISSING);
          default ->
              status < 500
                  ? ErrorResponse.of("request", "is invalid")
                  : ErrorResponse.of("server", "internal error");
        };
    Response response = respond(status, body);
    String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
    return allow == null
        ? response
        : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
  }

  /**
   * Everything else. A unique constraint that fired during a race is a 409 like the checks before
   * it; a database that cannot be reached is a 503 the client may retry; the rest is a bug: logged
   * here with its stack trace, answered with a generic 500.
   */
  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    org.hibernate.exception.ConstraintViolationException constraint =
        Causes.first(e, org.hibernate.exception.ConstraintViolationException.class);
    if (constraint != null) {
      String field = SchemaConstraints.fieldOf(constraint.getConstraintName());
      if (field != null) {
        return api(ApiException.taken(List.of(field)));
      }
      String gone = SchemaConstraints.missingResourceOf(constraint.getConstraintName());
      if (gone != null) {
        return api(ApiException.notFound(gone));
      }
    }
    if (DatabaseFailures.isUnavailable(e)) {
      outage.refused(e);
      return api(ApiException.unavailable("database", "is unavailable, try again shortly", 5));
    }
    if (DatabaseFailures.isRefusedData(e)) {
      // Input the validation let through but the schema refused: the client's fault, and a hint
      // that a validation rule is missing.
      LOG.warnf("Database refused a value: %s", DatabaseFailures.describe(e));
      return respond(422, ErrorResponse.of("body", Messages.INVALID));
    }
    LOG.error("Unhandled error", e);
    return respond(500, ErrorResponse.of("server", "internal error"));
  }

  private static Response tokenRejected(String message) {
    return respond(401, ErrorResponse.of("token", message));
  }

  /** Every 401 names the scheme that would work, as RFC 9110 asks. */
  private static Response respond(int status, ErrorResponse body) {
    Response.ResponseBuilder response =
        Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    if (status == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Token");
    }
    return response.build();
  }

  /** The field a violation belongs to: the last named property, or "body" for the body itself. */
  private static String fieldOf(Path path) {
    String field = "body";
    for (Path.Node node : path) {
      if ((node.getKind() == ElementKind.PROPERTY
              || node.getKind() == ElementKind.CONTAINER_ELEMENT)
          && node.getName() != null
          && !node.getName().startsWith("<")) {
        field = node.getName();
      }
    }
    return field;
  }

  private static ErrorResponse jsonError(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return ErrorResponse.of("body", "is too large or too deeply nested");
    }
    if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
      return ErrorResponse.of("body", "is not valid JSON");
    }
    String field = "body";
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        field = ref.getFieldName();
      }
    }
    if (e instanceof InvalidNullException) {
      return ErrorResponse.of(field, Messages.BLANK);
    }
    return ErrorResponse.of(field, "body".equals(field) ? "is not valid JSON" : Messages.INVALID);
  }
}
