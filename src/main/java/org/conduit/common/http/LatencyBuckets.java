package org.conduit.common.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.LongStream;

/**
 * Latency buckets on every endpoint's timer ({@code http_server_requests_seconds_bucket{le=...}}),
 * so that Prometheus can compute a route's percentiles over all replicas: the alert on the main
 * reads' p99 (docker/prometheus/conduit-alerts.yml) needs them. Quarkus has no property for it; a
 * {@link MeterFilter} bean is its documented way. Eleven fixed buckets, from 5 ms to 10 s, around
 * the 25 ms read target: a bounded number of series per route and status, the same on every replica
 * (percentile histograms would add some seventy).
 */
public class LatencyBuckets {

  /** The buckets' upper bounds in nanoseconds, a timer's base unit inside Micrometer. */
  static final double[] BOUNDS_NANOS =
      LongStream.of(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000)
          .mapToDouble(millis -> Duration.ofMillis(millis).toNanos())
          .toArray();

  @Produces
  @Singleton
  MeterFilter httpServerRequests() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("http.server.requests")) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .serviceLevelObjectives(BOUNDS_NANOS)
            .build()
            .merge(config);
      }
    };
  }
}
