package dev.cascade.bench.pipeline;

import java.time.Duration;
import java.util.Map;

/** The pipeline's load generator: a phase at a time, then what it saw itself. */
interface Load {

  /** Offers the configured rate for {@code duration}; returns when the phase is over. */
  void run(String phase, Duration duration) throws Exception;

  /** Requests it made that were accepted (acknowledged by Kafka, or answered 2xx). */
  long sent();

  /** Its own figures (HTTP latencies, failures). */
  void figures(Map<String, Double> figures);
}
