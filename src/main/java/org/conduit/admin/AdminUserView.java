package org.conduit.admin;

import java.time.Instant;

/** An account as staff see it: everything but the password hash, with what the account wrote. */
public record AdminUserView(
    String username,
    String email,
    String bio,
    String image,
    boolean active,
    boolean staff,
    boolean superuser,
    Instant createdAt,
    Instant lastLogin,
    long articlesCount,
    long commentsCount) {}
