package org.conduit.recovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;
import org.conduit.user.EmailAddress;
import org.conduit.user.ValidEmail;

/** {@code POST /api/users/password-reset}: {@code {"user": {"email": ...}}}. */
public record ResetRequest(@Valid @NotNull(message = Messages.BLANK) Account user) {

  /** The email, in its canonical form; also the 202's body, the same for every email. */
  public record Account(
      @NotBlank(message = Messages.BLANK)
          @Size(max = EmailAddress.MAX_LENGTH, message = Messages.TOO_LONG)
          @ValidEmail
          String email) {

    public Account {
      email = EmailAddress.normalize(email);
    }
  }
}
