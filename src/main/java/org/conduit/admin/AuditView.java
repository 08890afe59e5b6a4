package org.conduit.admin;

import java.time.Instant;

/** One entry of the audit log. */
public record AuditView(
    long id, Instant at, String actor, String action, String target, String reason) {

  static AuditView of(AuditEntry entry) {
    return new AuditView(entry.id, entry.at, entry.actor, entry.action, entry.target, entry.reason);
  }
}
