package org.conduit.user;

/** {@code {"user": {...}}}. */
public record UserResponse(UserView user) {}
