package org.conduit.admin;

import java.time.Instant;

/** One of an account's comments, with the article it is on. */
public record AdminCommentView(
    long id, String articleSlug, String articleTitle, String body, Instant createdAt) {}
