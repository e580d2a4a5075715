package dev.cascade.workers.provider;

/** What every provider's configuration record says, whatever else it holds. */
public interface ProviderConfig {

  /** Calls a second this provider accepts from us ({@code provider.<name>.rate.per.second}). */
  double ratePerSecond();
}
