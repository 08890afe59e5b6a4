package org.conduit.user;

import java.text.Normalizer;

/**
 * Usernames appear in URLs ({@code /api/profiles/{username}}), so they are plain ASCII letters,
 * digits, {@code _}, {@code -} and inner dots: no look-alike scripts, no "." or ".." segments. They
 * keep the case they were registered with and are unique whatever their case.
 */
public final class Username {

  public static final int MAX_LENGTH = 40;

  /** Empty passes here: blank values get their own "can't be blank" message. */
  public static final String PATTERN = "^$|^[A-Za-z0-9_-][A-Za-z0-9_.-]*$";

  private Username() {}

  /** Full-width and other compatibility forms become plain ASCII; surrounding space goes. */
  public static String normalize(String raw) {
    return raw == null ? null : Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
  }
}
