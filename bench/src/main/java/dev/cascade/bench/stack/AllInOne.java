package dev.cascade.bench.stack;

import dev.cascade.dlringest.DlrIngestApp;
import dev.cascade.fallback.FallbackTimerApp;
import dev.cascade.intake.SendIntakeApp;
import dev.cascade.providersim.ProviderSimulatorApp;
import dev.cascade.workers.ChannelWorkersApp;

/**
 * The named services in this one JVM, against the broker in CASCADE_KAFKA_BOOTSTRAP_SERVERS: each
 * service's own main, in the order given (each adds its own shutdown hook). Unlike {@code bin/cascade
 * dev} there is no embedded broker, so the broker's work is measured apart from the services'.
 */
public final class AllInOne {

  private AllInOne() {}

  public static void main(String[] args) {
    for (String service : args) {
      switch (service) {
        case "dlr-ingest" -> DlrIngestApp.main(new String[0]);
        case "provider-sim" -> ProviderSimulatorApp.main(new String[0]);
        case "channel-workers" -> ChannelWorkersApp.main(new String[0]);
        case "fallback-timer" -> FallbackTimerApp.main(new String[0]);
        case "send-intake" -> SendIntakeApp.main(new String[0]);
        default -> throw new IllegalArgumentException("unknown service " + service);
      }
    }
  }
}
