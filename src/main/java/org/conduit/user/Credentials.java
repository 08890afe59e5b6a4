package org.conduit.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;

/**
 * The login form. Only presence and an upper bound are checked: whether the pair is right is the
 * hasher's answer, given the same way for every wrong pair.
 */
public record Credentials(
    @NotBlank(message = Messages.BLANK)
        @Size(max = EmailAddress.MAX_LENGTH, message = Messages.TOO_LONG)
        String email,
    @NotEmpty(message = Messages.BLANK)
        @Size(max = Passwords.MAX_LENGTH, message = Messages.TOO_LONG)
        String password) {

  public Credentials {
    email = EmailAddress.normalize(email);
  }
}
