package org.conduit.admin;

/** The body of a deactivation or reactivation: {@code {"reason": "..."}}. */
public record ReasonRequest(String reason) {}
