package org.conduit.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;

/** The registration form. Email and username arrive already in their canonical form. */
public record NewUser(
    @NotBlank(message = Messages.BLANK)
        @Size(max = EmailAddress.MAX_LENGTH, message = Messages.TOO_LONG)
        @ValidEmail
        String email,
    @NotBlank(message = Messages.BLANK)
        @Size(max = Username.MAX_LENGTH, message = Messages.TOO_LONG)
        @Pattern(regexp = Username.PATTERN, message = Messages.INVALID)
        String username,
    @NotEmpty(message = Messages.BLANK)
        @Size(min = Passwords.MIN_LENGTH, message = Messages.TOO_SHORT)
        @Size(max = Passwords.MAX_LENGTH, message = Messages.TOO_LONG)
        String password) {

  public NewUser {
    email = EmailAddress.normalize(email);
    username = Username.normalize(username);
  }
}
