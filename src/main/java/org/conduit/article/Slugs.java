package org.conduit.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Readable URL names from titles: lower-case ASCII words joined by hyphens ("Ça va, Zoë?" becomes
 * "ca-va-zoe"). A title with nothing Latin in it still gets a usable slug ("article"), and a slug
 * already taken gets a short random suffix ("ca-va-zoe-k3x9q2").
 */
final class Slugs {

  static final int MAX_LENGTH = 100;

  /** Room for the suffix within {@link #MAX_LENGTH}. */
  private static final int MAX_BASE_LENGTH = 80;

  private static final int SUFFIX_LENGTH = 6;

  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private static final String FALLBACK = "article";

  /** Paths next to {@code /api/articles/{slug}} that no slug may shadow. */
  private static final Set<String> RESERVED = Set.of("feed");

  /** Latin letters that do not decompose into a base letter plus accents. */
  private static final Map<String, String> LETTERS =
      Map.of(
          "ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "đ", "d", "ł", "l", "þ", "th", "ð", "d", "ı",
          "i");

  private Slugs() {}

  /** The first slug for {@code title} that {@code taken} does not claim. */
  static String forTitle(String title, Predicate<String> taken) {
    String base = base(title);
    String slug = base;
    while (RESERVED.contains(slug) || taken.test(slug)) {
      slug = base + "-" + suffix();
    }
    return slug;
  }

  static String base(String title) {
    String text = title.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> letter : LETTERS.entrySet()) {
      text = text.replace(letter.getKey(), letter.getValue());
    }
    text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug = text.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_BASE_LENGTH) {
      slug = slug.substring(0, MAX_BASE_LENGTH);
      int lastHyphen = slug.lastIndexOf('-');
      slug = lastHyphen > MAX_BASE_LENGTH / 2 ? slug.substring(0, lastHyphen) : slug;
      slug = slug.replaceAll("-+$", "");
    }
    return slug.isEmpty() ? FALLBACK : slug;
  }

  private static String suffix() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder suffix = new StringBuilder(SUFFIX_LENGTH);
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
