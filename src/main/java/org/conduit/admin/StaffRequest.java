package org.conduit.admin;

/** The body of {@code PUT /api/admin/users/{username}/staff}: {@code {"staff": true}}. */
public record StaffRequest(Boolean staff, String reason) {}
