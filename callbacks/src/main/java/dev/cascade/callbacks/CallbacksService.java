package dev.cascade.callbacks;

import dev.cascade.callbacks.http.CallbackSender;
import dev.cascade.callbacks.processing.CallbackMetrics;
import dev.cascade.callbacks.processing.CallbacksTopology;
import dev.cascade.platform.config.DevelopmentSecrets;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.ClientProperties;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.metrics.KafkaClientMeters;
import dev.cascade.platform.metrics.MetricsSetup;
import dev.cascade.platform.serde.RecordSerdes;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The callbacks service running: the Streams app, /metrics and /health. */
public final class CallbacksService implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(CallbacksService.class);

  private final KafkaStreams streams;
  private final Javalin http;
  private final KafkaClientMeters kafkaMeters;
  private final CallbackSender sender;

  private CallbacksService(
      KafkaStreams streams, Javalin http, KafkaClientMeters kafkaMeters, CallbackSender sender) {
    this.streams = streams;
    this.http = http;
    this.kafkaMeters = kafkaMeters;
    this.sender = sender;
  }

  /**
   * Starts the service; {@code onFatalError} runs when the Streams client dies of an unexpected
   * exception (the app exits non-zero).
   */
  public static CallbacksService start(Settings settings, Runnable onFatalError) {
    KafkaSettings kafka = KafkaSettings.from(settings);
    CallbacksConfig config = CallbacksConfig.from(settings);
    DevelopmentSecrets.check(
        settings, "callbacks", List.of(config.delivery().keys().developmentSecret()));
    PrometheusMeterRegistry registry = MetricsSetup.prometheus("callbacks");
    CallbackSender sender = new CallbackSender(
        config.connectTimeout(),
        config.requestTimeout(),
        config.delivery().keys().allowPrivate(),
        Clock.systemUTC());
    CascadeTopics topics = new CascadeTopics(RecordSerdes.from(settings));
    KafkaStreams streams = new KafkaStreams(
        CallbacksTopology.build(
            config.delivery(),
            topics,
            sender,
            new CallbackMetrics(registry, topics.callbacksDlq),
            Clock.systemUTC()),
        streamsProperties(kafka, config));
    streams.setUncaughtExceptionHandler(error -> {
      LOGGER.atError().setCause(error).log("callbacks stopped on an unexpected error");
      onFatalError.run();
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    // every client of the Streams app, its consumers' lag included
    KafkaClientMeters kafkaMeters = new KafkaClientMeters(registry, "callbacks");
    kafkaMeters.bind(new KafkaStreamsMetrics(
        streams, List.of(), kafkaMeters.scheduler(), KafkaClientMeters.REFRESH));
    Javalin http = HttpServer.create(registry, () -> streams.state() == KafkaStreams.State.RUNNING);
    http.start(config.httpPort());
    streams.start();
    LOGGER
        .atInfo()
        .addKeyValue("port", http.port())
        .addKeyValue("keys", config.delivery().keys())
        .log("callbacks started");
    return new CallbacksService(streams, http, kafkaMeters, sender);
  }

  static Properties streamsProperties(KafkaSettings kafka, CallbacksConfig config) {
    Properties props = ClientProperties.common(kafka, config.applicationId());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.putAll(ClientProperties.groupMembership(kafka));
    // At least once is the promise: a receiver's 2xx cannot be part of a Kafka transaction.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
    // wall-clock punctuation runs between polls: a short poll keeps callbacks going out on time
    props.put(StreamsConfig.POLL_MS_CONFIG, config.delivery().tick().toMillis());
    // the inputs are Cascade's own records; one that cannot be read is logged and skipped
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class);
    return props;
  }

  public int port() {
    return http.port();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  @Override
  public void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(30)));
    kafkaMeters.close();
    sender.close();
    http.stop();
  }
}
