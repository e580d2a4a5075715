package dev.cascade.fallback;

import dev.cascade.fallback.correlation.Correlation;
import dev.cascade.fallback.correlation.UnmatchedReports;
import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.FallbackStateMachine;
import dev.cascade.fallback.orchestration.Inputs;
import dev.cascade.fallback.orchestration.Timer.Watch;
import dev.cascade.fallback.processing.Arrival;
import dev.cascade.fallback.processing.ArrivalReader;
import dev.cascade.fallback.processing.MessageStateCodec;
import dev.cascade.fallback.processing.OrchestratorProcessor;
import dev.cascade.fallback.processing.ReportWatermarkRelay;
import dev.cascade.fallback.processing.WatermarkTagger;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.RawDeliveryReport;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.state.Stores;

/** fallback-timer's whole processing graph: a pure function of configuration, used by the app and by tests. */
public final class FallbackTopology {

  private FallbackTopology() {}

  public static Topology build(
      FallbackTimerConfig config, CascadeTopics topics, FallbackTimerMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, ChannelAttempt> attempts = stream(builder, topics.channelAttempts);

    correlate(builder, topics, attempts, config, metrics);

    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(OrchestratorProcessor.MESSAGES_STORE),
        Serdes.String(),
        new MessageStateCodec()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(OrchestratorProcessor.TIMERS_STORE),
        Serdes.Bytes(),
        Serdes.String()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(OrchestratorProcessor.WATERMARKS_STORE),
        Serdes.String(),
        // written at most once a second (WatermarkStore)
        Serdes.Long()));

    KStream<String, Arrival> requests = stream(builder, topics.sendRequests)
        .filter((id, request) -> request != null)
        .mapValues(request -> new Arrival.ForMessage(Inputs.received(request)));
    // channel.attempts and delivery.reports also carry their paths' watermarks
    KStream<String, Arrival> outcomes = attempts.processValues(
        () -> new ArrivalReader<>(Watch.ATTEMPTS, Inputs::attempt), Named.as("attempt-arrivals"));
    KStream<String, Arrival> reports = stream(builder, topics.deliveryReports)
        .processValues(
            () -> new ArrivalReader<DeliveryReport>(Watch.REPORTS, report -> {
              metrics.report(report.getChannel(), report.getStatus().name());
              return Inputs.report(report);
            }),
            Named.as("report-arrivals"));
    KStream<String, Arrival> cancels = stream(builder, topics.messageCancels)
        .filter((id, cancel) -> cancel != null)
        .mapValues(cancel -> new Arrival.ForMessage(Inputs.cancel(cancel)));
    KStream<String, Arrival> callbacks = stream(builder, topics.callbackDeliveries)
        .filter((id, delivery) -> delivery != null)
        .mapValues(delivery -> new Arrival.ForMessage(Inputs.callback(delivery)));

    FallbackStateMachine machine = new FallbackStateMachine(config.policy());
    KStream<String, Effect> effects = requests
        .merge(outcomes)
        .merge(reports)
        .merge(cancels)
        .merge(callbacks)
        .process(
            () -> new OrchestratorProcessor(
                machine, config.timerTick(), config.maxTimersPerTick(), config.maxHold(), metrics),
            Named.as("orchestrator"),
            OrchestratorProcessor.MESSAGES_STORE,
            OrchestratorProcessor.TIMERS_STORE,
            OrchestratorProcessor.WATERMARKS_STORE);

    emit(effects, topics, metrics);
    return builder.build();
  }

  private static void correlate(
      StreamsBuilder builder,
      CascadeTopics topics,
      KStream<String, ChannelAttempt> attemptsAndWatermarks,
      FallbackTimerConfig config,
      FallbackTimerMetrics metrics) {
    // The join's attempt side: accepted sends keyed by provider id, and the workers' watermarks
    // sent on into every partition after the attempts before them (the topic keeps the name the
    // join's implicit repartition had, so a running deployment keeps its records).
    KStream<String, ChannelAttempt> attemptSide = attemptsAndWatermarks
        .processValues(
            () -> new WatermarkTagger<ChannelAttempt>(config.watermarkGap()),
            Named.as("attempt-watermark-sources"))
        .filter((id, attempt) -> attempt == null || Correlation.isAcceptedSend(attempt))
        .flatMap(
            (id, attempt) -> attempt == null
                ? List.<KeyValue<String, ChannelAttempt>>of(KeyValue.pair(id, null))
                : Correlation.byProviderMessageId(attempt),
            Named.as("attempts-by-provider-id"))
        .repartition(Repartitioned.<String, ChannelAttempt>as("correlation-right")
            .withKeySerde(Serdes.String())
            .withValueSerde(topics.channelAttempts.valueSerde())
            .withStreamPartitioner(new WatermarksToEveryPartition<>()));
    KStream<String, ChannelAttempt> attemptsByProviderId =
        attemptSide.filter((providerKey, attempt) -> attempt != null);
    KStream<String, RawDeliveryReport> rawAndWatermarks = stream(builder, topics.dlrRaw);
    relayWatermarks(builder, topics, rawAndWatermarks, attemptSide, config);
    KStream<String, RawDeliveryReport> raw =
        rawAndWatermarks.filter((providerKey, report) -> report != null);
    // A left join: matched reports come out at once; a report that met no attempt comes out with
    // a null attempt once the window (plus grace) has closed, and goes to dlr.raw.dlq.
    raw.leftJoin(
            attemptsByProviderId,
            Correlation.Match::new,
            JoinWindows.ofTimeDifferenceAndGrace(config.correlationWindow(), Duration.ofMinutes(5)),
            StreamJoined.with(
                    Serdes.String(),
                    topics.dlrRaw.valueSerde(),
                    topics.channelAttempts.valueSerde())
                .withName("correlation")
                .withStoreName("correlation"))
        .split(Named.as("report-"))
        .branch(
            (providerKey, match) -> match.attempt() != null,
            Branched.withConsumer(
                matched -> matched
                    .mapValues(Correlation.Match::correlated)
                    .selectKey(
                        (providerKey, report) -> report.getMessageId(), Named.as("by-message-id"))
                    .to(
                        topics.deliveryReports.name(),
                        Produced.with(
                            topics.deliveryReports.keySerde(),
                            topics.deliveryReports.valueSerde())),
                "matched"))
        .defaultBranch(Branched.withConsumer(
            unmatched -> unmatched
                .mapValues(Correlation.Match::report)
                .peek((providerKey, report) -> metrics.unmatched(report.getProvider()))
                .processValues(() -> new UnmatchedReports(config.correlationWindow()))
                .to(
                    topics.dlrRaw.dlqName(),
                    Produced.with(topics.dlrRaw.keySerde(), topics.dlrRaw.valueSerde())),
            "unmatched"));
  }

  /**
   * dlr-ingest's watermarks in each dlr.raw partition, carried to every delivery.reports partition
   * by the task that matched that partition's reports (see {@link ReportWatermarkRelay}).
   */
  private static void relayWatermarks(
      StreamsBuilder builder,
      CascadeTopics topics,
      KStream<String, RawDeliveryReport> rawAndWatermarks,
      KStream<String, ChannelAttempt> attemptSide,
      FallbackTimerConfig config) {
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ReportWatermarkRelay.STORE),
        Serdes.String(),
        Serdes.Long()));
    KStream<String, Arrival> ingestBeats = rawAndWatermarks
        .filter((source, report) -> report == null)
        .processValues(
            () -> ArrivalReader.<RawDeliveryReport>watermarksOnly(Watch.REPORTS),
            Named.as("dlr-ingest-watermarks"));
    KStream<String, Arrival> workerBeats = attemptSide
        .filter((source, attempt) -> attempt == null)
        .processValues(
            () -> ArrivalReader.<ChannelAttempt>watermarksOnly(Watch.ATTEMPTS),
            Named.as("worker-watermarks"));
    ingestBeats
        .merge(workerBeats)
        .process(
            () -> new ReportWatermarkRelay(config.maxHold(), config.watermarkGap()),
            Named.as("report-watermark-relay"),
            ReportWatermarkRelay.STORE)
        .to(
            topics.deliveryReports.name(),
            Produced.with(topics.deliveryReports.keySerde(), topics.deliveryReports.valueSerde())
                .withStreamPartitioner(new EveryPartition<>()));
  }

  /** Sends a watermark (a record without value) to every partition; others by their key. */
  private static final class WatermarksToEveryPartition<V>
      implements org.apache.kafka.streams.processor.StreamPartitioner<String, V> {
    @Override
    public java.util.Optional<java.util.Set<Integer>> partitions(
        String topic, String key, V value, int numPartitions) {
      return value == null
          ? new EveryPartition<String, V>().partitions(topic, key, value, numPartitions)
          : java.util.Optional.empty();
    }
  }

  /** Sends a record to every partition of its topic. */
  private static final class EveryPartition<K, V>
      implements org.apache.kafka.streams.processor.StreamPartitioner<K, V> {
    @Override
    public java.util.Optional<java.util.Set<Integer>> partitions(
        String topic, K key, V value, int numPartitions) {
      return java.util.Optional.of(java.util.stream.IntStream.range(0, numPartitions)
          .boxed()
          .collect(java.util.stream.Collectors.toSet()));
    }
  }

  private static void emit(
      KStream<String, Effect> effects, CascadeTopics topics, FallbackTimerMetrics metrics) {
    ChannelCommandTopics commandTopics = new ChannelCommandTopics(topics);
    effects
        .split(Named.as("effect-"))
        .branch(
            (id, e) -> e instanceof Effect.Command,
            Branched.withConsumer(
                s -> s.mapValues(e -> ((Effect.Command) e).command())
                    .to(commandTopics, Produced.with(Serdes.String(), commandTopics.serde())),
                "command"))
        .branch(
            (id, e) -> e instanceof Effect.Status,
            Branched.withConsumer(
                s -> to(s.mapValues(e -> ((Effect.Status) e).status()), topics.messageStatus),
                "status"))
        .branch(
            (id, e) -> e instanceof Effect.Outcome,
            Branched.withConsumer(
                s -> to(s.mapValues(e -> ((Effect.Outcome) e).outcome()), topics.messageOutcomes),
                "outcome"))
        .branch(
            (id, e) -> e instanceof Effect.Usage,
            Branched.withConsumer(
                s -> to(s.mapValues(e -> ((Effect.Usage) e).usage()), topics.usageEvents), "usage"))
        .branch(
            (id, e) -> e instanceof Effect.Rejected,
            Branched.withConsumer(
                s -> s.peek((id, e) -> metrics.dlq(topics.sendRequests.dlqName()))
                    .mapValues(e -> ((Effect.Rejected) e).request())
                    .to(
                        topics.sendRequests.dlqName(),
                        Produced.with(
                            topics.sendRequests.keySerde(), topics.sendRequests.valueSerde())),
                "rejected"))
        .noDefaultBranch();
  }

  private static <V> KStream<String, V> stream(StreamsBuilder builder, TopicSpec<String, V> topic) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
  }

  private static <V> void to(KStream<String, V> stream, TopicSpec<String, V> topic) {
    stream.to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
  }

  /** Routes each command to its channel's topic. */
  private record ChannelCommandTopics(CascadeTopics topics)
      implements org.apache.kafka.streams.processor.TopicNameExtractor<String, ChannelCommand> {

    @Override
    public String extract(
        String key,
        ChannelCommand command,
        org.apache.kafka.streams.processor.RecordContext context) {
      return topics.channelCommands(command.getChannel()).name();
    }

    org.apache.kafka.common.serialization.Serde<ChannelCommand> serde() {
      return topics.channelCommandSerde();
    }
  }
}
