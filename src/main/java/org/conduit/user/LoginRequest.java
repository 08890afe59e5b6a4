package org.conduit.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.conduit.common.validation.Messages;

/** {@code POST /api/users/login}: {@code {"user": {"email": ..., "password": ...}}}. */
public record LoginRequest(@Valid @NotNull(message = Messages.BLANK) Credentials user) {}
