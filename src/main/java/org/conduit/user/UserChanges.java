package org.conduit.user;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.conduit.common.validation.Messages;
import org.conduit.common.validation.NullOrNotBlank;

/**
 * The body of {@code PUT /api/user}: a partial update. A class rather than a record because an
 * absent key and an explicit {@code null} must differ: Jackson leaves an absent field {@code null}
 * and turns an explicit {@code null} into {@code ""}. So {@code null} here means "leave as is" and
 * {@code ""} means "cleared", which is how bio and image become null and why email, username and
 * password set to null or "" are refused.
 */
public final class UserChanges {

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(max = EmailAddress.MAX_LENGTH, message = Messages.TOO_LONG)
  @ValidEmail
  private String email;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(max = Username.MAX_LENGTH, message = Messages.TOO_LONG)
  @Pattern(regexp = Username.PATTERN, message = Messages.INVALID)
  private String username;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @NullOrNotBlank
  @Size(min = Passwords.MIN_LENGTH, message = Messages.TOO_SHORT)
  @Size(max = Passwords.MAX_LENGTH, message = Messages.TOO_LONG)
  private String password;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @Size(max = Profiles.MAX_BIO_LENGTH, message = Messages.TOO_LONG)
  private String bio;

  @JsonSetter(nulls = Nulls.AS_EMPTY)
  @Size(max = Profiles.MAX_IMAGE_LENGTH, message = Messages.TOO_LONG)
  @Pattern(regexp = Profiles.IMAGE_PATTERN, message = Messages.INVALID)
  private String image;

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = EmailAddress.normalize(email);
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = Username.normalize(username);
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getBio() {
    return bio;
  }

  public void setBio(String bio) {
    this.bio = bio;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image == null ? null : image.strip();
  }
}
