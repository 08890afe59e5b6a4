package org.conduit.admin;

import java.util.List;

/** {@code {"users": [...], "usersCount": n}}; the count ignores limit and offset. */
public record AdminUsersResponse(List<AdminUserView> users, long usersCount) {}
