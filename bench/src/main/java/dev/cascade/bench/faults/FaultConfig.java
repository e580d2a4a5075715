package dev.cascade.bench.faults;

import dev.cascade.bench.Options;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One fault-suite scenario: the load (how many messages at what rate, each step's {@code
 * afterSeconds}), the simulator's late delay (a little shorter than {@code afterSeconds}, so late
 * WhatsApp deliveries are in flight when timers come due), how long each killed process stays
 * down, and how long to wait for the last outcomes.
 */
record FaultConfig(
    int messages,
    double rate,
    int afterSeconds,
    int lateDelaySeconds,
    Duration downtime,
    int partitions,
    Duration drainTimeout,
    List<String> jvmOptions,
    String maxHold,
    String name) {

  static final String USAGE = """
      bench/run faults [--messages N] [--rate R] [--after S] [--late S] [--downtime S]
                       [--partitions N] [--drain S] [--jvm-opts "..."] [--max-hold S] [--name NAME]
        defaults: 3600 messages at 30/s, afterSeconds 30, late deliveries 20 s after the send,
        each killed process down 5 s, 6 partitions, drain at most 240 s, -Xmx512m per service,
        fallback-timer's timer.max.hold its default (--max-hold S sets it)""";

  static FaultConfig parse(String... args) {
    Options options = new Options(
        args,
        Set.of(
            "messages",
            "rate",
            "after",
            "late",
            "downtime",
            "partitions",
            "drain",
            "jvm-opts",
            "max-hold",
            "name"),
        USAGE);
    int after = options.integer("after", 30);
    FaultConfig config = new FaultConfig(
        options.integer("messages", 3600),
        options.integer("rate", 30),
        after,
        options.integer("late", Math.max(1, after * 2 / 3)),
        options.seconds("downtime", 5),
        options.integer("partitions", 6),
        options.seconds("drain", 240),
        options.list("jvm-opts", "-Xmx512m"),
        options.string("max-hold", ""),
        options.string("name", "faults"));
    if (config.messages < 1 || config.rate <= 0 || config.afterSeconds < 1) {
      throw new IllegalArgumentException(
          "--messages, --rate and --after must be positive\n" + USAGE);
    }
    if (config.lateDelaySeconds >= config.afterSeconds) {
      throw new IllegalArgumentException(
          "--late must be shorter than --after (a late delivery is one that beats the timer)\n"
              + USAGE);
    }
    return config;
  }

  /** How long the load runs. */
  Duration loadDuration() {
    return Duration.ofMillis((long) (messages * 1000 / rate));
  }

  String command() {
    return String.format(
        "bench/run faults --messages %d --rate %s --after %d --late %d --downtime %d --partitions %d"
            + (maxHold.isEmpty() ? "" : " --max-hold " + maxHold),
        messages,
        rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate),
        afterSeconds,
        lateDelaySeconds,
        downtime.toSeconds(),
        partitions);
  }
}
