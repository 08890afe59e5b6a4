package org.conduit.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Optional;

/**
 * {@code conduit.mail.*}: the SMTP server that password-reset mails go to
 * (docs/account-recovery.md, "Mail"). Dev mode and tests print mails to the log instead ({@code
 * log-only}), so that neither needs a mail server.
 */
@ConfigMapping(prefix = "conduit.mail")
public interface MailSettings {

  @WithDefault("localhost")
  String host();

  @WithDefault("25")
  int port();

  /** {@code true}: TLS from the first byte (SMTPS, usually port 465). */
  @WithDefault("false")
  boolean tls();

  /**
   * STARTTLS: {@code REQUIRED} (usually port 587), {@code OPTIONAL} (when the server offers it) or
   * {@code DISABLED}.
   */
  @WithDefault("OPTIONAL")
  StartTLSOptions startTls();

  /** Signs in to the server when set (with {@link #password()}). */
  Optional<String> username();

  Optional<String> password();

  /** The sender, such as {@code Conduit <no-reply@example.com>}. */
  @WithDefault("no-reply@localhost")
  String from();

  /** {@code true}: mails are written to the log, never sent (dev mode and tests). */
  @WithDefault("false")
  boolean logOnly();
}
