package org.conduit.admin;

import org.conduit.user.Account;

/**
 * Who runs an administrative action, as the audit log names them: a staff account, or the command
 * line (run by whoever holds the database's credentials, and so allowed everything a superuser is).
 *
 * @param id the account, null for the command line
 */
public record Actor(Long id, String name, boolean superuser) {

  public static final String COMMAND_LINE = "command line";

  /** A signed-in caller, whose role the endpoint has checked ({@code @RolesAllowed}). */
  public static Actor of(Account caller) {
    return new Actor(caller.id(), caller.username(), caller.superuser());
  }

  public static Actor commandLine() {
    return new Actor(null, COMMAND_LINE, true);
  }

  boolean is(long accountId) {
    return id != null && id == accountId;
  }
}
