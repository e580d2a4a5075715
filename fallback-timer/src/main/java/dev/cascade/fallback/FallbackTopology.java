package dev.cascade.fallback;

import dev.cascade.fallback.correlation.Correlation;
import dev.cascade.fallback.correlation.UnmatchedReports;
import dev.cascade.fallback.metrics.FallbackTimerMetrics;
import dev.cascade.fallback.orchestration.Effect;
import dev.cascade.fallback.orchestration.FallbackStateMachine;
import dev.cascade.fallback.orchestration.Input;
import dev.cascade.fallback.orchestration.Inputs;
import dev.cascade.fallback.processing.MessageStateCodec;
import dev.cascade.fallback.processing.OrchestratorProcessor;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.TopicSpec;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.RawDeliveryReport;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
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

    KStream<String, Input> requests =
        stream(builder, topics.sendRequests).mapValues(Inputs::received);
    KStream<String, Input> outcomes = attempts.mapValues(Inputs::attempt);
    KStream<String, Input> reports = stream(builder, topics.deliveryReports)
        .peek((id, report) ->
            metrics.report(report.getChannel(), report.getStatus().name()))
        .mapValues(Inputs::report);

    KStream<String, Input> cancels =
        stream(builder, topics.messageCancels).mapValues(Inputs::cancel);
    KStream<String, Input> callbacks =
        stream(builder, topics.callbackDeliveries).mapValues(Inputs::callback);

    FallbackStateMachine machine = new FallbackStateMachine(config.policy());
    KStream<String, Effect> effects = requests
        .merge(outcomes)
        .merge(reports)
        .merge(cancels)
        .merge(callbacks)
        .process(
            () -> new OrchestratorProcessor(
                machine, config.timerTick(), config.maxTimersPerTick(), metrics),
            Named.as("orchestrator"),
            OrchestratorProcessor.MESSAGES_STORE,
            OrchestratorProcessor.TIMERS_STORE);

    emit(effects, topics, metrics);
    return builder.build();
  }

  private static void correlate(
      StreamsBuilder builder,
      CascadeTopics topics,
      KStream<String, ChannelAttempt> attempts,
      FallbackTimerConfig config,
      FallbackTimerMetrics metrics) {
    KStream<String, ChannelAttempt> attemptsByProviderId = attempts
        .filter((id, attempt) -> Correlation.isAcceptedSend(attempt))
        .flatMap(
            (id, attempt) -> Correlation.byProviderMessageId(attempt),
            Named.as("attempts-by-provider-id"));
    KStream<String, RawDeliveryReport> raw = stream(builder, topics.dlrRaw);
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
