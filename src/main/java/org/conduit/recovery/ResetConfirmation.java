package org.conduit.recovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;
import org.conduit.user.Passwords;

/**
 * {@code POST /api/users/password-reset/confirm}: {@code {"user": {"token": ..., "password":
 * ...}}}, the password under the rules of registration.
 */
public record ResetConfirmation(@Valid @NotNull(message = Messages.BLANK) Form user) {

  public record Form(
      @NotBlank(message = Messages.BLANK) @Size(max = 100, message = Messages.TOO_LONG)
          String token,
      @NotEmpty(message = Messages.BLANK)
          @Size(min = Passwords.MIN_LENGTH, message = Messages.TOO_SHORT)
          @Size(max = Passwords.MAX_LENGTH, message = Messages.TOO_LONG)
          String password) {}
}
