package dev.cascade.dev;

import dev.cascade.platform.config.Settings;
import java.util.Map;

/** {@code bin/cascade dev}: the whole stack on the fixed development ports, until Ctrl-C. */
public final class CascadeDev {

  private CascadeDev() {}

  public static void main(String[] args) {
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
    CascadeStack stack = CascadeStack.start(
        settings, kafkaPort, () -> new Thread(() -> System.exit(1), "cascade-exit").start());
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "cascade-shutdown"));
    System.out.printf(
        """

        Cascade is running (embedded Kafka, every service, provider simulator).
          send-intake     http://localhost:%d/v1/messages   (API key: dev-key)
          console         http://localhost:%d/console
          dlr-ingest      http://localhost:%d/webhooks/...
          fallback-timer  http://localhost:%d/metrics
          channel-workers http://localhost:%d/metrics
          callbacks       http://localhost:%d/metrics   (callbacks to http://localhost allowed)
          provider-sim    http://localhost:%d   (SMSC: SMPP on port %d)
          Kafka           %s
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
        stack.bootstrapServers());
  }
}
