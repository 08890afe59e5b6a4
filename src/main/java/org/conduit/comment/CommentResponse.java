package org.conduit.comment;

/** {@code {"comment": {...}}}. */
public record CommentResponse(CommentView comment) {}
