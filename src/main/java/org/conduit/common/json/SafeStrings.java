package org.conduit.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Every string of every request body, read as Jackson would, then refused (422 on that field) when
 * it holds a character no field of this API has a use for: control characters other than tab and
 * line breaks (NUL cannot even be stored by PostgreSQL; the others corrupt logs and terminals), and
 * lone surrogate halves (not text at all: they cannot be encoded as UTF-8).
 */
public final class SafeStrings extends StringDeserializer {

  static final SafeStrings INSTANCE = new SafeStrings();

  private SafeStrings() {}

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String value = super.deserialize(p, ctxt);
    if (value != null && !isSafe(value)) {
      throw InvalidFormatException.from(p, "forbidden character", value, String.class);
    }
    return value;
  }

  /** No control character but tab and line breaks, and no lone surrogate half. */
  public static boolean isSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
