package org.conduit.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant as the API shows dates: UTC with exactly three fraction digits ({@code
 * 2016-02-18T03:22:56.000Z}). Jackson's own serializer drops a zero fraction, which clients that
 * parse a fixed format trip over.
 */
public final class UtcMillis extends StdSerializer<Instant> {

  public static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  public UtcMillis() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
      throws IOException {
    gen.writeString(FORMAT.format(value));
  }
}
