package org.conduit.recovery;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.conduit.common.error.ApiException;
import org.conduit.user.User;
import org.jboss.logging.Logger;

/**
 * The link a reset mail carries, and the mail itself. The link is {@code
 * conduit.password-reset.link} with the token in place of {@code {token}}, or this service's own
 * page at {@code CONDUIT_PUBLIC_URL}; a link that is set but not an absolute http(s) URL with
 * {@code {token}} in it stops the start. With neither set, the service starts (one warning) and
 * answers reset requests 503, since it would have no link to send.
 */
@Startup
@ApplicationScoped
public class ResetLinks {

  private static final Logger LOG = Logger.getLogger(ResetLinks.class);
  static final String TOKEN = "{token}";
  static final String OWN_PAGE = "/account/reset#token=" + TOKEN;

  private final Optional<String> template;
  private final RecoverySettings settings;

  public ResetLinks(RecoverySettings settings, PublicUrl publicUrl) {
    this.settings = settings;
    this.template =
        settings
            .link()
            .or(() -> publicUrl.url().map(base -> base.replaceAll("/+$", "") + OWN_PAGE))
            .map(ResetLinks::checked);
    if (template.isEmpty()) {
      LOG.warn(
          "Password resets are off: set CONDUIT_PUBLIC_URL (or CONDUIT_PASSWORD_RESET_LINK) to"
              + " the address users reach this service at; until then reset requests get 503");
    }
  }

  /** 503 when no link can be made. */
  void require() {
    if (template.isEmpty()) {
      throw ApiException.unavailable("password-reset", "is not configured on this server", 3600);
    }
  }

  ResetMails.Letter mail(User user, String token) {
    String link = template.orElseThrow().replace(TOKEN, token);
    long minutes = settings.validity().toMinutes();
    String text =
        "Hello "
            + user.username
            + ",\n\n"
            + "someone (we hope you) asked to reset the password of your Conduit account.\n"
            + "Open this link within "
            + (minutes == 1 ? "1 minute" : minutes + " minutes")
            + " to choose a new one:\n\n"
            + link
            + "\n\n"
            + "The link works once. Setting a new password signs you out everywhere else.\n"
            + "If you did not ask for this, ignore this mail: your password stays as it is.\n";
    return new ResetMails.Letter(user.email, "Reset your Conduit password", text);
  }

  private static String checked(String link) {
    try {
      URI uri = new URI(link.replace(TOKEN, "token"));
      if (link.contains(TOKEN)
          && uri.isAbsolute()
          && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return link;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new IllegalStateException(
        "The password-reset link \""
            + link
            + "\" is not an absolute http(s) URL with {token} in it: check CONDUIT_PUBLIC_URL and"
            + " CONDUIT_PASSWORD_RESET_LINK");
  }
}
