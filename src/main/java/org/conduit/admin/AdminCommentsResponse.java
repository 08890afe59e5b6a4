package org.conduit.admin;

import java.util.List;

/** {@code {"comments": [...], "commentsCount": n}}. */
public record AdminCommentsResponse(List<AdminCommentView> comments, long commentsCount) {}
