package org.conduit.recovery;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The reset page ({@code META-INF/resources/account/reset/}) at the address the mails link to,
 * {@code /account/reset}, without a redirect (the token in the URL's fragment stays in the
 * browser). Its Content-Security-Policy is configuration ({@code
 * quarkus.http.filter.account-pages}).
 */
@ApplicationScoped
public class ResetPage {

  void install(@Observes Router router) {
    // Vert.x matches "/account/reset/" to this route too: only the bare path is rerouted.
    router
        .route("/account/reset")
        .order(-100)
        .handler(
            ctx -> {
              if (ctx.normalizedPath().equals("/account/reset")) {
                ctx.reroute("/account/reset/");
              } else {
                ctx.next();
              }
            });
  }
}
