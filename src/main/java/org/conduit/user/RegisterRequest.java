package org.conduit.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/** {@code POST /api/users}: {@code {"user": {...}}}. */
public record RegisterRequest(@Valid @NotNull(message = Messages.BLANK) NewUser user) {}
