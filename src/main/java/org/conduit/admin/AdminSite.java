package org.conduit.admin;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The admin site ({@code /admin}: static pages in {@code META-INF/resources/admin} that call the
 * admin API) and the admin API, both switched off by {@code conduit.admin.enabled=false}: then
 * every path under them answers 404 like any unknown path. {@code /admin} goes to {@code /admin/}.
 * The site's Content-Security-Policy is configuration ({@code quarkus.http.filter.admin-site}).
 */
@ApplicationScoped
public class AdminSite {

  private static final String NOT_FOUND = "{\"errors\":{\"path\":[\"not found\"]}}";

  private final boolean enabled;

  public AdminSite(AdminSettings settings) {
    this.enabled = settings.enabled();
  }

  void install(@Observes Router router) {
    router.routeWithRegex("/admin(/.*)?|/api/admin(/.*)?").order(-100).handler(this::route);
  }

  void route(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (!enabled) {
      ctx.response()
          .setStatusCode(404)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(NOT_FOUND);
    } else if (path.equals("/admin")) {
      ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, "/admin/").end();
    } else {
      ctx.next();
    }
  }
}
