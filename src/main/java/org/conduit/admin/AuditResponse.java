package org.conduit.admin;

import java.util.List;

/** {@code {"entries": [...], "entriesCount": n}}, newest first. */
public record AuditResponse(List<AuditView> entries, long entriesCount) {}
