package dev.cascade.platform.kafka;

import dev.cascade.platform.channels.ChannelCatalogue;
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
import dev.cascade.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of SPEC section 5 with its serdes. Message-scoped topics are keyed by messageId;
 * {@code dlr.raw} by {@code provider:providerMessageId}; {@code fallback.policies} by policy name.
 * All share one partition count.
 */
public final class CascadeTopics {

  private static final Serde<String> KEY = Serdes.String();

  public final TopicSpec<String, SendRequest> sendRequests =
      TopicSpec.of("send.requests", KEY, AvroSerde.of(SendRequest.class));
  public final TopicSpec<String, ChannelAttempt> channelAttempts =
      TopicSpec.of("channel.attempts", KEY, AvroSerde.of(ChannelAttempt.class));
  public final TopicSpec<String, RawDeliveryReport> dlrRaw =
      TopicSpec.of("dlr.raw", KEY, AvroSerde.of(RawDeliveryReport.class));
  public final TopicSpec<String, DeliveryReport> deliveryReports =
      TopicSpec.of("delivery.reports", KEY, AvroSerde.of(DeliveryReport.class));
  public final TopicSpec<String, MessageStatus> messageStatus =
      new TopicSpec<>("message.status", KEY, AvroSerde.of(MessageStatus.class), true);
  public final TopicSpec<String, MessageOutcome> messageOutcomes =
      TopicSpec.of("message.outcomes", KEY, AvroSerde.of(MessageOutcome.class));
  public final TopicSpec<String, UsageEvent> usageEvents =
      TopicSpec.of("usage.events", KEY, AvroSerde.of(UsageEvent.class));
  public final TopicSpec<String, CancelRequest> messageCancels =
      TopicSpec.of("message.cancels", KEY, AvroSerde.of(CancelRequest.class));
  /** Named fallback policies (SPEC section 10), keyed by policy name; a deletion is a tombstone. */
  public final TopicSpec<String, FallbackPolicy> fallbackPolicies =
      new TopicSpec<>("fallback.policies", KEY, AvroSerde.of(FallbackPolicy.class), true);
  /** Callbacks delivered or given up on, by the callbacks service; read for the timeline. */
  public final TopicSpec<String, CallbackDelivery> callbackDeliveries =
      TopicSpec.of("callbacks.deliveries", KEY, AvroSerde.of(CallbackDelivery.class));

  private final AvroSerde<ChannelCommand> commandSerde = AvroSerde.of(ChannelCommand.class);
  private final Map<Channel, TopicSpec<String, ChannelCommand>> channelCommands =
      new EnumMap<>(Channel.class);

  public CascadeTopics() {
    for (Channel channel : Channel.values()) {
      channelCommands.put(
          channel,
          TopicSpec.of(
              "channel.commands." + ChannelCatalogue.of(channel).slug(), KEY, commandSerde));
    }
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
}
