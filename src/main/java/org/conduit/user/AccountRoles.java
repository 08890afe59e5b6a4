package org.conduit.user;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.conduit.common.error.ApiException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Makes the account behind a token part of the security identity, as it is now: a token of an
 * unknown or deactivated account, or one revoked by a password change or a deactivation, fails the
 * authentication (401 with the reason); a valid one carries the account's roles, {@value #STAFF}
 * and {@value #SUPERUSER}, so that resources say {@code @RolesAllowed} and nothing else. The
 * account comes from {@link Accounts} (in memory, dropped the moment it changes on any replica), or
 * from the database on a worker thread.
 */
@ApplicationScoped
public class AccountRoles implements SecurityIdentityAugmentor {

  /** Runs the site: the admin site and API. A superuser has this role too. */
  public static final String STAFF = "staff";

  /** Runs the staff: grants staff, acts on staff accounts. */
  public static final String SUPERUSER = "superuser";

  /** The identity's attribute holding the {@link Account}. */
  static final String ACCOUNT = "conduit.account";

  private final Accounts accounts;

  public AccountRoles(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    // runBlocking gives an identity only: each branch makes one.
    return Uni.createFrom()
        .item(() -> CurrentUser.TokenClaims.of(token))
        .flatMap(
            claims -> {
              Optional<Account> known = accounts.known(claims.id());
              return known.isPresent()
                  ? Uni.createFrom().item(withAccount(identity, claims.check(known)))
                  : context.runBlocking(
                      () -> withAccount(identity, claims.check(accounts.find(claims.id()))));
            })
        .onFailure(ApiException.class)
        .transform(AccountRoles::refused);
  }

  private static SecurityIdentity withAccount(SecurityIdentity identity, Account account) {
    QuarkusSecurityIdentity.Builder builder =
        QuarkusSecurityIdentity.builder(identity).addAttribute(ACCOUNT, account);
    if (account.moderates()) {
      builder.addRole(STAFF);
    }
    if (account.superuser()) {
      builder.addRole(SUPERUSER);
    }
    return builder.build();
  }

  /** An authentication failure that carries the 401 to answer (ErrorMappers finds it). */
  private static AuthenticationFailedException refused(Throwable answer) {
    return new AuthenticationFailedException(answer);
  }
}
