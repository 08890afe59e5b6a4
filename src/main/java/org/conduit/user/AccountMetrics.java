package org.conduit.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counters for dashboards and alerts, exported at {@code /q/metrics} as {@code
 * conduit_registrations_total}, {@code conduit_logins_total} and {@code
 * conduit_logins_failed_total}. A rising failed-login rate is the first sign of credential
 * stuffing.
 */
/** Created at start-up so that the counters are exported at 0 before the first event. */
@Startup
@ApplicationScoped
public class AccountMetrics {

  private final Counter registrations;
  private final Counter logins;
  private final Counter failedLogins;

  public AccountMetrics(MeterRegistry registry) {
    registrations =
        Counter.builder("conduit.registrations")
            .description("Accounts registered")
            .register(registry);
    logins = Counter.builder("conduit.logins").description("Successful logins").register(registry);
    failedLogins =
        Counter.builder("conduit.logins.failed")
            .description("Refused logins: unknown email, wrong password or deactivated account")
            .register(registry);
  }

  void registered() {
    registrations.increment();
  }

  void loggedIn() {
    logins.increment();
  }

  void loginFailed() {
    failedLogins.increment();
  }
}
