package dev.cascade.platform.kafka;

import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.serde.RecordSerdes;
import dev.cascade.schemas.CallbackDelivery;
import dev.cascade.schemas.CancelRequest;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.DeliveryReport;
import dev.cascade.schemas.FallbackPolicy;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.RawDeliveryReport;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.UsageEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of SPEC section 5 with its serdes. Message-scoped topics are keyed by messageId;
 * {@code dlr.raw} by {@code provider:providerMessageId}; {@code fallback.policies} by policy name.
 * All share one partition count. The value serdes come from one {@link RecordSerdes} ({@code
 * serde.mode}): every service must build its topics from its settings, {@code new
 * CascadeTopics(RecordSerdes.from(settings))}.
 */
public final class CascadeTopics {

  private static final Serde<String> KEY = Serdes.String();

  public final TopicSpec<String, SendRequest> sendRequests;
  public final TopicSpec<String, ChannelAttempt> channelAttempts;
  public final TopicSpec<String, RawDeliveryReport> dlrRaw;
  public final TopicSpec<String, DeliveryReport> deliveryReports;
  public final TopicSpec<String, MessageStatus> messageStatus;
  public final TopicSpec<String, MessageOutcome> messageOutcomes;
  public final TopicSpec<String, UsageEvent> usageEvents;
  public final TopicSpec<String, CancelRequest> messageCancels;
  /** Named fallback policies (SPEC section 10), keyed by policy name; a deletion is a tombstone. */
  public final TopicSpec<String, FallbackPolicy> fallbackPolicies;
  /** One record per outcome callback delivered or given up on (the callbacks service). */
  public final TopicSpec<String, CallbackDelivery> callbackDeliveries;
  /**
   * Callbacks given up on (after the retry period, or refused): the body that was not delivered,
   * with error headers. A dead-letter topic of the callbacks service, not of one input topic.
   */
  public final String callbacksDlq = "callbacks.dlq";

  private final Serde<ChannelCommand> commandSerde;
  private final Map<Channel, TopicSpec<String, ChannelCommand>> channelCommands =
      new EnumMap<>(Channel.class);

  private final RecordSerdes serdes;

  /** The topics in the default wire format (single-object encoding, no registry). */
  public CascadeTopics() {
    this(RecordSerdes.singleObject());
  }

  /** The topics with values in {@code serdes}' wire format. */
  public CascadeTopics(RecordSerdes serdes) {
    this.serdes = serdes;
    sendRequests = TopicSpec.of("send.requests", KEY, serdes.of(SendRequest.class));
    channelAttempts = TopicSpec.of("channel.attempts", KEY, serdes.of(ChannelAttempt.class));
    dlrRaw = TopicSpec.of("dlr.raw", KEY, serdes.of(RawDeliveryReport.class));
    deliveryReports = TopicSpec.of("delivery.reports", KEY, serdes.of(DeliveryReport.class));
    messageStatus = new TopicSpec<>("message.status", KEY, serdes.of(MessageStatus.class), true);
    messageOutcomes = TopicSpec.of("message.outcomes", KEY, serdes.of(MessageOutcome.class));
    usageEvents = TopicSpec.of("usage.events", KEY, serdes.of(UsageEvent.class));
    messageCancels = TopicSpec.of("message.cancels", KEY, serdes.of(CancelRequest.class));
    fallbackPolicies =
        new TopicSpec<>("fallback.policies", KEY, serdes.of(FallbackPolicy.class), true);
    callbackDeliveries =
        TopicSpec.of("callbacks.deliveries", KEY, serdes.of(CallbackDelivery.class));
    commandSerde = serdes.of(ChannelCommand.class);
    for (Channel channel : Channel.values()) {
      channelCommands.put(
          channel,
          TopicSpec.of(
              "channel.commands." + ChannelCatalogue.of(channel).slug(), KEY, commandSerde));
    }
  }

  /** The wire format of these topics' values. */
  public RecordSerdes serdes() {
    return serdes;
  }

  public TopicSpec<String, ChannelCommand> channelCommands(Channel channel) {
    return channelCommands.get(channel);
  }

  /** The serde of every channel's commands (one schema whatever the channel). */
  public Serde<ChannelCommand> channelCommandSerde() {
    return commandSerde;
  }

  /** Every topic Cascade creates, with their dead-letter topics. */
  public List<TopicSpec<?, ?>> all() {
    List<TopicSpec<?, ?>> topics = new ArrayList<>(List.of(
        sendRequests,
        channelAttempts,
        dlrRaw,
        deliveryReports,
        messageStatus,
        messageOutcomes,
        usageEvents,
        messageCancels,
        fallbackPolicies,
        callbackDeliveries));
    topics.addAll(channelCommands.values());
    return topics;
  }

  /** Dead-letter topics that belong to no one topic of {@link #all()}. */
  public List<String> otherDeadLetterTopics() {
    return List.of(callbacksDlq);
  }
}
