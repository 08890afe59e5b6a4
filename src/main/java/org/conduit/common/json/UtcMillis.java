package org.conduit.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Dates as the API shows them: UTC with exactly three fraction digits ({@code
 * 2016-02-18T03:22:56.000Z}). Jackson's own Instant serializer drops a zero fraction, which clients
 * parsing a fixed format trip over.
 *
 * <p>The digits are written straight from the date's fields: a list page has 40 dates, and going
 * through {@link DateTimeFormatter} for each took 23% of the samples of a kept page (JFR,
 * BENCHMARKS.md). {@link #FORMAT} defines the text, and still writes the years that need a sign or
 * a fifth digit.
 */
@Singleton
public class UtcMillis implements ObjectMapperCustomizer {

  public static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Last of all customizers: after Quarkus' own, which registers the JavaTimeModule, because the
   * serializer registered last wins.
   */
  @Override
  public int priority() {
    return MINIMUM_PRIORITY;
  }

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.registerModule(
        new SimpleModule("conduit-utc-millis").addSerializer(Instant.class, new Serializer()));
  }

  static final class Serializer extends StdSerializer<Instant> {

    Serializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }

  /** The same text as {@code FORMAT.format(value)}. */
  static String format(Instant value) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
    if (time.getYear() < 0 || time.getYear() > 9999) {
      return FORMAT.format(value);
    }
    char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
    digits(text, 0, 4, time.getYear());
    digits(text, 5, 2, time.getMonthValue());
    digits(text, 8, 2, time.getDayOfMonth());
    digits(text, 11, 2, time.getHour());
    digits(text, 14, 2, time.getMinute());
    digits(text, 17, 2, time.getSecond());
    digits(text, 20, 3, value.getNano() / 1_000_000);
    return new String(text);
  }

  /** Writes {@code value} as {@code width} decimal digits ending at {@code start + width}. */
  private static void digits(char[] text, int start, int width, int value) {
    for (int i = start + width - 1; i >= start; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
