package org.conduit.admin;

/** {@code {"user": {...}}}. */
public record AdminUserResponse(AdminUserView user) {}
