package org.conduit.comment;

import java.time.Instant;
import org.conduit.profile.ProfileView;

/** A comment as the API shows it. */
public record CommentView(
    long id, Instant createdAt, Instant updatedAt, String body, ProfileView author) {}
