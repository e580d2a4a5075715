package dev.cascade.dev;

import dev.cascade.platform.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/cascade dev [--data DIR] [--fresh]}: the whole stack on the fixed development ports,
 * until Ctrl-C. The broker's log and fallback-timer's state are kept in DIR (default
 * {@code data/dev}), so stopping and starting again loses nothing that was accepted; {@code
 * --fresh} empties them first.
 */
public final class CascadeDev {

  static final Path DEFAULT_DATA = Path.of("data", "dev");
  /** What the stack writes under the data directory; --fresh deletes these and nothing else. */
  static final java.util.List<String> KEPT = java.util.List.of("kafka", "timer-state");

  private CascadeDev() {}

  /** The command line: where the data is kept, and whether to start empty. */
  record Arguments(Path data, boolean fresh) {
    static Arguments parse(String... args) {
      Path data = DEFAULT_DATA;
      boolean fresh = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--fresh" -> fresh = true;
          case "--data" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--data needs a directory");
            }
            data = Path.of(args[++i]);
          }
          default ->
            throw new IllegalArgumentException("unknown argument '" + args[i]
                + "'; usage: bin/cascade dev [--data DIR] [--fresh]");
        }
      }
      return new Arguments(data, fresh);
    }
  }

  public static void main(String[] args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("cascade dev: " + e.getMessage());
      System.exit(2);
      return;
    }
    Settings settings = Settings.fromEnvironment()
        .withDefaults(Map.of(
            "intake.http.port", "8080",
            "dlr.http.port", "8081",
            "timer.http.port", "8082",
            "workers.http.port", "8083",
            "callbacks.http.port", "8084",
            "sim.http.port", "8090",
            "kafka.partitions", "3"));
    int kafkaPort = settings.integer("dev.kafka.port", 9092);
    int controllerPort = settings.integer("dev.kafka.controller.port", kafkaPort + 1);
    if (arguments.fresh()) {
      empty(arguments.data());
    }
    CascadeStack stack = CascadeStack.startKept(
        settings,
        arguments.data(),
        kafkaPort,
        controllerPort,
        () -> new Thread(() -> System.exit(1), "cascade-exit").start());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "cascade-shutdown"));
    System.out.printf(
        """

        Cascade is running (Kafka, every service, provider simulator).
          send-intake     http://localhost:%d/v1/messages   (API key: dev-key)
          console         http://localhost:%d/console
          dlr-ingest      http://localhost:%d/webhooks/...
          fallback-timer  http://localhost:%d/metrics
          channel-workers http://localhost:%d/metrics
          callbacks       http://localhost:%d/metrics   (callbacks to http://localhost allowed)
          provider-sim    http://localhost:%d   (SMSC: SMPP on port %d)
          Kafka           %s
          data            %s (kept across restarts; --fresh starts empty)
        Every service has /metrics and /health. Stop with Ctrl-C.
        %n""",
        stack.intakePort(),
        stack.intakePort(),
        stack.dlrIngestPort(),
        stack.fallbackTimerPort(),
        stack.workersPort(),
        stack.callbacksPort(),
        stack.simulatorPort(),
        stack.smscPort(),
        stack.bootstrapServers(),
        arguments.data().toAbsolutePath());
  }

  /** Deletes the broker's log and the timer state under {@code data}; nothing else there. */
  static void empty(Path data) {
    for (String kept : KEPT) {
      Path dir = data.resolve(kept);
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot empty " + dir, e);
      }
    }
  }
}
