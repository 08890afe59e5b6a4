package org.conduit.article;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * {@code conduit.list-reads.*}: how many deep pages of {@code GET /api/articles} that no cache
 * holds are read from the database at once (docs/database.md, "Crawlers"). Each such read is cheap,
 * but a crawler asking for pages nobody else asks for sends nothing but those, on as many
 * connections as it likes: without a bound they would take every database connection and core, and
 * the writes and cached pages of everyone else would wait behind them. Shallow pages, the ones
 * people page through, never wait: the home page read again after a write must not queue behind a
 * crawler.
 */
@ConfigMapping(prefix = "conduit.list-reads")
public interface ListReadSettings {

  /** Reads at once; unset: half the processors (at least one), the rest for everything else. */
  OptionalInt concurrency();

  /**
   * Pages that end within this many rows of the start of their list ({@code offset + limit}) are
   * read at once, never bounded: they cost an index read of that many entries. 0 bounds every page.
   */
  @WithDefault("200")
  @Min(0)
  int shallow();

  /** Requests that may wait for a turn; beyond that 503 with Retry-After at once. */
  @WithDefault("64")
  @Min(0)
  int queue();

  /** The longest wait for a turn; then 503 with Retry-After. */
  @WithDefault("2s")
  Duration waitFor();
}
