package dev.cascade.fallback;

import dev.cascade.fallback.orchestration.Policy;
import dev.cascade.platform.channels.ChannelCatalogue;
import dev.cascade.platform.channels.ChannelProviders;
import dev.cascade.platform.channels.ChannelTraits;
import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.platform.kafka.WatermarkBeacon;
import dev.cascade.schemas.Channel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * fallback-timer's configuration.
 *
 * @param correlationWindow how long a report and its attempt may be apart and still be matched
 * @param timerTick how often due timers are fired (wall clock)
 * @param maxTimersPerTick bounds the work of one tick so polling is never starved
 * @param maxHold the longest a due timer waits for a path's watermark (SPEC section 4); also how
 *     far behind the freshest source a silent one may fall before it counts as gone
 * @param watermarkGap the least wall-clock time between two watermarks of one source that
 *     fallback-timer sends on (across correlation): half of {@code watermark.interval}, so
 *     beacons pass at their own pace while a backlog's thousands collapse into a few
 * @param commitInterval how often Kafka Streams commits its transaction ({@code
 *     timer.commit.interval}): what fallback-timer wrote becomes visible to read_committed
 *     consumers (the workers, users) only then, so it adds up to that much to every hop; a longer
 *     one writes fewer transaction markers and offset commits per message
 * @param streamThreads Kafka Streams threads of this instance ({@code timer.stream.threads}):
 *     each runs its share of the tasks (one per partition and sub-topology), so an instance uses
 *     that many cores; more threads than partitions stay idle
 */
public record FallbackTimerConfig(
    String applicationId,
    String stateDir,
    int httpPort,
    String advertisedHost,
    Duration correlationWindow,
    Duration timerTick,
    int maxTimersPerTick,
    Duration maxHold,
    Duration watermarkGap,
    int standbyReplicas,
    Duration commitInterval,
    int streamThreads,
    Policy policy) {

  public FallbackTimerConfig {
    if (timerTick.isZero() || timerTick.isNegative()) {
      throw new ConfigException("timer.tick", timerTick.toString(), "a positive duration");
    }
    if (maxTimersPerTick < 1) {
      throw new ConfigException(
          "timer.max.per.tick", String.valueOf(maxTimersPerTick), "at least 1");
    }
    if (commitInterval.isZero() || commitInterval.isNegative()) {
      throw new ConfigException(
          "timer.commit.interval", commitInterval.toString(), "a positive duration");
    }
    if (streamThreads < 1) {
      throw new ConfigException(
          "timer.stream.threads", String.valueOf(streamThreads), "at least 1");
    }
    if (maxHold.isNegative()) {
      throw new ConfigException(
          "timer.max.hold", maxHold.toString(), "zero or a positive duration");
    }
  }

  /**
   * One thread, as Kafka Streams: on a 2-core machine shared with the broker a second thread
   * carried 40 % more messages at saturation but fired timers later (p99 3–5 s against 0.8–1.7 s
   * at 2,000 new timers a second); give it more where cores are to spare.
   */
  static final int DEFAULT_STREAM_THREADS = 1;

  public static FallbackTimerConfig from(Settings settings) {
    Policy defaults = Policy.defaults();
    Map<Channel, BigDecimal> prices = new EnumMap<>(Channel.class);
    for (ChannelTraits channel : ChannelCatalogue.all()) {
      String key = "price." + channel.slug();
      settings.optional(key).ifPresent(value -> prices.put(channel.channel(), decimal(key, value)));
    }
    Policy policy = new Policy(
        prices,
        settings.string("price.currency", defaults.currency()),
        settings.duration("state.min.retention", defaults.minRetention()),
        settings.duration("dispatch.timeout", defaults.dispatchTimeout()),
        settings.duration("idempotency.retention", defaults.idempotencyRetention()),
        settings.integer("sms.max.parts.for.conversion", defaults.smsMaxPartsForConversion()),
        ChannelProviders.from(settings));
    return new FallbackTimerConfig(
        settings.string("timer.application.id", "cascade-fallback-timer"),
        settings.string(
            "timer.state.dir", System.getProperty("java.io.tmpdir") + "/cascade-fallback-timer"),
        settings.integer("timer.http.port", 8082),
        settings.string("timer.advertised.host", "localhost"),
        settings.duration("correlation.window", Policy.MAX_VALIDITY.plusHours(1)),
        settings.duration("timer.tick", Duration.ofMillis(20)),
        settings.integer("timer.max.per.tick", 1000),
        settings.duration("timer.max.hold", Duration.ofSeconds(60)),
        WatermarkBeacon.interval(settings).dividedBy(2),
        settings.integer("timer.standby.replicas", 0),
        settings.duration("timer.commit.interval", Duration.ofMillis(100)),
        settings.integer("timer.stream.threads", DEFAULT_STREAM_THREADS),
        policy);
  }

  private static BigDecimal decimal(String key, String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "a decimal price such as 0.0450");
    }
  }
}
