package org.conduit.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.conduit.common.error.ErrorResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The request body rules Quarkus has no setting for, as the first route of every request (before
 * Quarkus' own body limit). The sizes themselves are Quarkus' ({@code quarkus.http.limits.*}); a
 * request line or headers over them get Vert.x' bare 414 or 431, which no real client meets.
 *
 * <ul>
 *   <li>413 with an {@code errors} envelope for a {@code Content-Length} above {@code
 *       quarkus.http.limits.max-body-size}: a frontend posting a too-long article shows the message
 *       (Quarkus answers with an empty body);
 *   <li>a chunked body is read here within the same limit, so that one that outgrows it gets the
 *       same 413 (Quarkus REST's own reading answers it too, but logs an ERROR for each);
 *   <li>415 for a body sent without any {@code Content-Type} (Quarkus REST would read it as JSON).
 * </ul>
 *
 * Refusals close the connection, so an unread body is never parsed as the next request.
 */
@ApplicationScoped
public class RequestLimits {

  private static final String JSON = "application/json";
  private static final ErrorResponse BODY_TOO_LARGE = ErrorResponse.of("body", "is too large");

  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final BodyHandler chunkedBodies;

  public RequestLimits(
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
    this.mapper = mapper;
    this.maxBodyBytes = maxBody.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::check)
        .failureHandler(this::failed);
  }

  void check(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (declaredBodyLength(request) > maxBodyBytes) {
      refuse(ctx, 413, BODY_TOO_LARGE);
    } else if (hasBody(request) && request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
      // Every body this API reads is JSON; one sent without saying so is not read as JSON.
      refuse(ctx, 415, ErrorResponse.of("content-type", "must be application/json"));
    } else if (isChunked(request)) {
      // No announced length: read it here, within the limit, so that an oversized one fails
      // through failed() below; Quarkus REST then uses the body already read.
      chunkedBodies.handle(ctx);
    } else {
      ctx.next();
    }
  }

  /** The body handler fails the request with 413 when a chunked body outgrows the limit. */
  void failed(RoutingContext ctx) {
    if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
      refuse(ctx, 413, BODY_TOO_LARGE);
    } else {
      ctx.next();
    }
  }

  private static boolean isChunked(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
        && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  private static boolean hasBody(HttpServerRequest request) {
    return isChunked(request) || declaredBodyLength(request) > 0;
  }

  /** The declared length; an unreadable one counts as too large (Vert.x refuses it anyway). */
  private static long declaredBodyLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return 0;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private void refuse(RoutingContext ctx, int status, ErrorResponse body) {
    String json;
    try {
      json = mapper.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error envelope is always serialisable", e);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(json);
  }
}
