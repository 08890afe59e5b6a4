package org.conduit.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an email is turned into the login identity: trimmed, NFKC-normalised and lower-cased, so that
 * look-alike spellings (a Kelvin sign, full-width letters, ligatures, upper case) can never name
 * two accounts.
 */
public final class EmailAddress {

  /** RFC 5321 limits a forward path to 254 characters and a local part to 64. */
  public static final int MAX_LENGTH = 254;

  private static final int MAX_LOCAL_PART = 64;

  /**
   * One {@code @}, a non-empty local part, a domain of dot-separated labels. Characters outside
   * ASCII are allowed (internationalised addresses), controls, spaces and format characters are not
   * (see {@link #hasHiddenCharacters}).
   */
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[^@\\s\"(),:;<>\\[\\]\\\\]+@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+"
              + "[\\p{L}\\p{N}]{2,63}$");

  private EmailAddress() {}

  /** The canonical form; {@code null} stays {@code null}. */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    String folded =
        Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    // Lower-casing can leave a string that NFKC would still change; settle it.
    return Normalizer.normalize(folded, Normalizer.Form.NFKC).strip();
  }

  /** Whether the canonical form of {@code raw} looks like a deliverable address. */
  public static boolean isValid(String raw) {
    String email = normalize(raw);
    if (email == null || email.isEmpty() || email.length() > MAX_LENGTH) {
      return false;
    }
    int at = email.indexOf('@');
    return at > 0
        && at <= MAX_LOCAL_PART
        && !email.contains("..")
        && !hasHiddenCharacters(email)
        && SHAPE.matcher(email).matches();
  }

  private static boolean hasHiddenCharacters(String value) {
    return value
        .codePoints()
        .anyMatch(
            c ->
                Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.PRIVATE_USE
                    || Character.getType(c) == Character.UNASSIGNED);
  }
}
