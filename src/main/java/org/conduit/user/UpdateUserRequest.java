package org.conduit.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/** {@code PUT /api/user}: {@code {"user": {...any of the fields...}}}. */
public record UpdateUserRequest(@Valid @NotNull(message = Messages.BLANK) UserChanges user) {}
