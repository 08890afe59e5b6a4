package org.conduit.comment;

import java.util.List;

/** {@code {"comments": [...]}}. */
public record CommentsResponse(List<CommentView> comments) {}
