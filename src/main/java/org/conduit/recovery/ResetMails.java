package org.conduit.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Delivers password-reset mails to the SMTP server ({@code conduit.mail.*}) with Vert.x' mail
 * client, in the background: nobody's request waits for it, so a slow or unreachable mail server
 * changes no answer. An attempt that fails, or takes longer than {@code
 * conduit.password-reset.mail-timeout}, is tried again after {@code mail-retry-delay}, doubling, up
 * to {@code mail-attempts} attempts in all; then it is given up, logged (the account's id and the
 * error's type: never the token, the link or the address) and counted in {@code
 * conduit_password_reset_mails_total{outcome="failed"}} (each failed attempt in {@code
 * conduit_password_reset_mail_failed_attempts_total}). Mails are kept in memory only: one still
 * being tried when the replica stops is lost, and its owner asks again.
 */
@Startup
@ApplicationScoped
public class ResetMails {

  private static final Logger LOG = Logger.getLogger(ResetMails.class);

  /** A mail to send: plain text. */
  record Letter(String to, String subject, String text) {}

  private final MailSettings mail;
  private final RecoverySettings settings;
  private final MailClient client;
  private final Counter sent;
  private final Counter failed;
  private final Counter failedAttempts;

  public ResetMails(
      Vertx vertx, MailSettings mail, RecoverySettings settings, MeterRegistry registry) {
    this.mail = mail;
    this.settings = settings;
    this.client = mail.logOnly() ? null : MailClient.create(vertx, config(mail));
    this.sent = outcome(registry, "sent");
    this.failed = outcome(registry, "failed");
    this.failedAttempts =
        Counter.builder("conduit.password.reset.mail.failed.attempts")
            .description("Attempts at delivering a password-reset mail that failed, each counted")
            .register(registry);
  }

  /**
   * Connections are kept for the next mail, and closed after a minute unused: before a mail
   * server's own idle timeout (Postfix: 5 minutes) drops them. Without keep-alive, Vert.x' client
   * lost its pool's connections: 200 mails in a row gave 94 attempts that never ended
   * (bench/reset-timing.sh), against none with it.
   */
  private static MailConfig config(MailSettings mail) {
    MailConfig config =
        new MailConfig()
            .setHostname(mail.host())
            .setPort(mail.port())
            .setSsl(mail.tls())
            .setStarttls(mail.startTls())
            .setKeepAlive(true)
            .setKeepAliveTimeout(60)
            .setKeepAliveTimeoutUnit(TimeUnit.SECONDS);
    if (mail.username().isPresent()) {
      config
          .setLogin(LoginOption.REQUIRED)
          .setUsername(mail.username().get())
          .setPassword(mail.password().orElse(""));
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("conduit.password.reset.mails")
        .description("Password-reset mails handed to the SMTP server, or given up")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Sends {@code letter} about account {@code userId} in the background; returns at once. */
  void send(long userId, Letter letter) {
    if (client == null) {
      LOG.infof(
          "Mail not sent (conduit.mail.log-only) to %s: %s%n%s",
          letter.to(), letter.subject(), letter.text());
      sent.increment();
      return;
    }
    MailMessage message =
        new MailMessage()
            .setFrom(mail.from())
            .setTo(letter.to())
            .setSubject(letter.subject())
            .setText(letter.text());
    delivery(message)
        .subscribe()
        .with(
            done -> sent.increment(),
            failure -> {
              failed.increment();
              LOG.warnf(
                  "Password-reset mail for account %d given up after %d attempts: %s",
                  userId, settings.mailAttempts(), failure.getClass().getName());
            });
  }

  private Uni<Void> delivery(MailMessage message) {
    Uni<Void> attempt =
        Uni.createFrom()
            .deferred(() -> client.sendMail(message).replaceWithVoid())
            .ifNoItem()
            .after(settings.mailTimeout())
            .fail()
            .onFailure()
            .invoke(failure -> failedAttempts.increment());
    if (settings.mailAttempts() == 1) {
      return attempt;
    }
    return attempt
        .onFailure()
        .retry()
        .withBackOff(settings.mailRetryDelay(), settings.mailRetryDelay().multipliedBy(32))
        .atMost(settings.mailAttempts() - 1L);
  }

  void close(@Observes ShutdownEvent stop) {
    if (client != null) {
      client.closeAndAwait();
    }
  }
}
