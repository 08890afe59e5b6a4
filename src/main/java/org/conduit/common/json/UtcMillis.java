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
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Dates as the API shows them: UTC with exactly three fraction digits ({@code
 * 2016-02-18T03:22:56.000Z}), the JDK's ISO instant format. Jackson's own Instant serializer drops
 * a zero fraction, which clients parsing a fixed format trip over.
 */
@Singleton
public class UtcMillis implements ObjectMapperCustomizer {

  public static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

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
      gen.writeString(FORMAT.format(value));
    }
  }
}
