package org.conduit.recovery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Delivers password-reset mails to the SMTP server ({@code QUARKUS_MAILER_*}) in the background:
 * nobody's request waits for it, so a slow or unreachable mail server changes no answer. An attempt
 * that fails, or takes longer than {@code conduit.password-reset.mail-timeout}, is tried again
 * after {@code conduit.password-reset.mail-retry-delay}, doubling, up to {@code mail-attempts}
 * attempts in all; then it is given up, logged (the account's id and the error's type: never the
 * token, the link or the address) and counted in {@code
 * conduit_password_reset_mails_total{outcome="failed"}} (each failed attempt in {@code
 * conduit_password_reset_mail_failed_attempts_total}). Mails are kept in memory only: one still
 * being tried when the replica stops is lost, and its owner asks again.
 */
@Startup
@ApplicationScoped
public class ResetMails {

  private static final Logger LOG = Logger.getLogger(ResetMails.class);

  private final ReactiveMailer mailer;
  private final RecoverySettings settings;
  private final Counter sent;
  private final Counter failed;
  private final Counter failedAttempts;

  public ResetMails(ReactiveMailer mailer, RecoverySettings settings, MeterRegistry registry) {
    this.mailer = mailer;
    this.settings = settings;
    this.sent = outcome(registry, "sent");
    this.failed = outcome(registry, "failed");
    this.failedAttempts =
        Counter.builder("conduit.password.reset.mail.failed.attempts")
            .description("Attempts at delivering a password-reset mail that failed, each counted")
            .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("conduit.password.reset.mails")
        .description("Password-reset mails handed to the SMTP server, or given up")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Sends {@code mail} about account {@code userId} in the background; returns at once. */
  void send(long userId, Mail mail) {
    delivery(mail)
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

  private Uni<Void> delivery(Mail mail) {
    Uni<Void> attempt =
        Uni.createFrom()
            .deferred(() -> mailer.send(mail))
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
}
