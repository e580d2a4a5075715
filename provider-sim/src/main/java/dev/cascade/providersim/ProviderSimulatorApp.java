package dev.cascade.providersim;

import dev.cascade.platform.config.Settings;

/** Runs the provider simulator alone (configuration from CASCADE_* variables). */
public final class ProviderSimulatorApp {

  private ProviderSimulatorApp() {}

  public static void main(String[] args) {
    ProviderSimulator simulator = ProviderSimulator.start(Settings.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "provider-sim-shutdown"));
  }
}
