package org.conduit.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.conduit.common.error.ErrorResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first route of every request, before Quarkus' own body limit and before Quarkus REST: sets
 * the headers every response carries and refuses oversized requests with an {@code errors} envelope
 * instead of Vert.x' empty answers.
 *
 * <ul>
 *   <li>{@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store} on every
 *       response (replies hold tokens and private data; nothing here is for shared caches);
 *   <li>414 for a request target longer than {@code conduit.http.max-uri-length};
 *   <li>431 for headers larger than {@code conduit.http.max-header-size};
 *   <li>413 for a {@code Content-Length} above {@code quarkus.http.limits.max-body-size}, and for a
 *       chunked body that grows past it while it is read here;
 *   <li>415 for a body sent without any {@code Content-Type}.
 * </ul>
 *
 * Refusals close the connection, so an unread body is never parsed as the next request.
 */
@ApplicationScoped
public class RequestLimits {

  public static final ErrorResponse BODY_TOO_LARGE = ErrorResponse.of("body", "is too large");

  private static final String JSON = "application/json";

  private final HttpLimits limits;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final BodyHandler chunkedBodies;

  public RequestLimits(
      HttpLimits limits,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBody) {
    this.limits = limits;
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
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    HttpServerRequest request = ctx.request();
    if (request.uri().length() > limits.maxUriLength()) {
      refuse(ctx, 414, ErrorResponse.of("uri", "is too long"));
    } else if (headerBytes(request.headers()) > limits.maxHeaderSize().asLongValue()) {
      refuse(ctx, 431, ErrorResponse.of("headers", "are too large"));
    } else if (declaredBodyLength(request) > maxBodyBytes) {
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

  /** Counted as they travel: name, ": ", value and the line end. */
  private static long headerBytes(MultiMap headers) {
    long total = 0;
    for (Map.Entry<String, String> header : headers) {
      total += header.getKey().length() + header.getValue().length() + 4L;
    }
    return total;
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
