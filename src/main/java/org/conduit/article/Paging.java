package org.conduit.article;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.conduit.common.error.ApiException;
import org.conduit.common.error.ErrorResponse;
import org.conduit.common.validation.Messages;

/**
 * {@code limit} and {@code offset} of a list request. They arrive as text and are parsed here: a
 * number JAX-RS could not parse would otherwise be a 404, where the client deserves a 422.
 */
public record Paging(int limit, int offset) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  /**
   * Either value may be absent or empty ({@code ?limit=}, as some clients send); anything else must
   * be a plain number in range.
   */
  public static Paging parse(String limit, String offset) {
    Integer parsedLimit = isAbsent(limit) ? (Integer) DEFAULT_LIMIT : parse(limit, 1, MAX_LIMIT);
    Integer parsedOffset = isAbsent(offset) ? (Integer) 0 : parse(offset, 0, Integer.MAX_VALUE);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    if (parsedLimit == null) {
      errors.put("limit", List.of(Messages.INVALID));
    }
    if (parsedOffset == null) {
      errors.put("offset", List.of(Messages.INVALID));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(422, new ErrorResponse(errors));
    }
    return new Paging(parsedLimit, parsedOffset);
  }

  private static boolean isAbsent(String text) {
    return text == null || text.isEmpty();
  }

  private static Integer parse(String text, int min, int max) {
    // Ten digits at most: anything longer is out of range, and cannot overflow the parse.
    if (!text.matches("[0-9]{1,10}")) {
      return null;
    }
    long value = Long.parseLong(text);
    return value < min || value > max ? null : (int) value;
  }
}
