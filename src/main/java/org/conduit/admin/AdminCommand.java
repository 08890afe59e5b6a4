package org.conduit.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.conduit.common.error.ApiException;
import org.conduit.recovery.ResetConfirmation;
import org.conduit.user.EmailAddress;
import org.conduit.user.NewUser;
import org.conduit.user.User;
import org.conduit.user.UserService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Administration from the command line, against the configured database, like the seed course's
 * {@code createsuperuser}, and the demo data for frontends. Exit codes: 0 done, 1 refused (taken,
 * unknown account), 2 bad input.
 */
@Command(
    name = "conduit",
    mixinStandardHelpOptions = true,
    description = "Conduit administration commands.",
    subcommands = {
      AdminCommand.CreateSuperuser.class,
      AdminCommand.SetPassword.class,
      AdminCommand.Deactivate.class,
      AdminCommand.Reactivate.class,
      AdminCommand.LoadDemoData.class
    })
public class AdminCommand {

  static final int REFUSED = 1;
  static final int BAD_INPUT = 2;

  @Command(
      name = "create-superuser",
      mixinStandardHelpOptions = true,
      description = "Creates an active staff superuser account.")
  static class CreateSuperuser implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--email", required = true, description = "The login email.")
    String email;

    @Option(names = "--username", required = true, description = "The public username.")
    String username;

    @Option(
        names = "--password",
        required = true,
        interactive = true,
        arity = "0..1",
        description = "The password; asked for (not echoed) when given without a value.")
    String password;

    private final UserService users;
    private final Administration administration;
    private final Validator validator;

    CreateSuperuser(UserService users, Administration administration, Validator validator) {
      this.users = users;
      this.administration = administration;
      this.validator = validator;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      NewUser form = new NewUser(email, username, password);
      Set<ConstraintViolation<NewUser>> violations = validator.validate(form);
      if (!violations.isEmpty()) {
        violations.stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .forEach(v -> err.println(v.getPropertyPath() + " " + v.getMessage()));
        return BAD_INPUT;
      }
      try {
        User user =
            users.createSuperuser(
                form, created -> administration.superuserCreated(Actor.commandLine(), created));
        out.println("Superuser " + user.username + " <" + user.email + "> created.");
        return 0;
      } catch (ApiException e) {
        e.body().errors().forEach((field, messages) -> err.println(field + " " + messages.get(0)));
        return REFUSED;
      }
    }
  }

  @Command(
      name = "set-password",
      mixinStandardHelpOptions = true,
      description = {
        "Sets an account's password, like Django's changepassword: every token the account was",
        "issued stops working and its login locks are lifted. Audited."
      })
  static class SetPassword implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--email", required = true, description = "The account's login email.")
    String email;

    @Option(
        names = "--password",
        required = true,
        interactive = true,
        arity = "0..1",
        description = "The new password; asked for (not echoed) when given without a value.")
    String password;

    private final Administration administration;
    private final Validator validator;

    SetPassword(Administration administration, Validator validator) {
      this.administration = administration;
      this.validator = validator;
    }

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      Set<ConstraintViolation<ResetConfirmation.Form>> violations =
          validator.validateValue(ResetConfirmation.Form.class, "password", password);
      if (!violations.isEmpty()) {
        violations.forEach(v -> err.println("password " + v.getMessage()));
        return BAD_INPUT;
      }
      try {
        User user =
            administration.setPassword(
                Actor.commandLine(), EmailAddress.normalize(email), password);
        spec.commandLine()
            .getOut()
            .println(
                "Password of "
                    + user.username
                    + " <"
                    + user.email
                    + "> set; its earlier tokens no longer work."
                    + (user.active ? "" : " The account is deactivated: it cannot sign in."));
        return 0;
      } catch (ApiException e) {
        if (e.status() == 404) {
          err.println("No account has the email " + email + ".");
        } else {
          e.body()
              .errors()
              .forEach((field, messages) -> err.println(field + " " + messages.get(0)));
        }
        return REFUSED;
      }
    }
  }

  /** Shared by deactivate and reactivate: by email, recorded as the command line's action. */
  abstract static class SetActive implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--email", required = true, description = "The account's login email.")
    String email;

    @Option(names = "--reason", description = "Why, for the audit log.")
    String reason;

    private final Administration administration;
    private final boolean active;

    SetActive(Administration administration, boolean active) {
      this.administration = administration;
      this.active = active;
    }

    @Override
    public Integer call() {
      Optional<String> account =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> User.findByEmail(EmailAddress.normalize(email)).map(user -> user.username));
      if (account.isEmpty()) {
        spec.commandLine().getErr().println("No account has the email " + email + ".");
        return REFUSED;
      }
      try {
        administration.setActive(Actor.commandLine(), account.get(), active, reason);
      } catch (ApiException e) {
        PrintWriter err = spec.commandLine().getErr();
        e.body().errors().forEach((field, messages) -> err.println(field + " " + messages.get(0)));
        return REFUSED;
      }
      spec.commandLine()
          .getOut()
          .println("Account <" + email + "> " + (active ? "reactivated." : "deactivated."));
      return 0;
    }
  }

  @Command(
      name = "deactivate",
      mixinStandardHelpOptions = true,
      description = "Deactivates an account: no login, and its tokens stop working.")
  static class Deactivate extends SetActive {
    Deactivate(Administration administration) {
      super(administration, false);
    }
  }

  @Command(
      name = "reactivate",
      mixinStandardHelpOptions = true,
      description = "Reactivates a deactivated account.")
  static class Reactivate extends SetActive {
    Reactivate(Administration administration) {
      super(administration, true);
    }
  }

  @Command(
      name = "load-demo-data",
      mixinStandardHelpOptions = true,
      description = {
        "Loads demo users (password '" + DemoDataSet.PASSWORD + "'), follows, tagged articles,",
        "favorites and comments. Adds only what is missing: running it again changes nothing."
      })
  static class LoadDemoData implements Callable<Integer> {

    @Spec CommandLine.Model.CommandSpec spec;

    private final DemoDataLoader loader;

    LoadDemoData(DemoDataLoader loader) {
      this.loader = loader;
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        DemoDataLoader.Added added = loader.load();
        if (added.nothing()) {
          out.println("Demo data already loaded: nothing to add.");
        } else {
          out.printf(
              "Demo data loaded: %d users, %d follows, %d articles, %d favorites, %d comments"
                  + " added.%n",
              added.users(),
              added.follows(),
              added.articles(),
              added.favorites(),
              added.comments());
        }
        out.println(
            "Demo accounts: "
                + DemoDataSet.USERS.stream()
                    .map(DemoDataSet.DemoUser::email)
                    .collect(Collectors.joining(", "))
                + " (password: "
                + DemoDataSet.PASSWORD
                + ")");
        return 0;
      } catch (ApiException e) {
        PrintWriter err = spec.commandLine().getErr();
        e.body().errors().forEach((field, messages) -> err.println(field + " " + messages.get(0)));
        err.println("Demo data not fully loaded; what was added is kept.");
        return REFUSED;
      }
    }
  }
}
