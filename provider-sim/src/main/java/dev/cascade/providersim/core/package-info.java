/**
 * What the simulated providers share: the configuration, the accepted message, the webhook and its
 * format, the reporter that plays the script's reports, and the flaky-send counter. The provider
 * packages and {@code dev.cascade.providersim} depend on this package, never the other way round.
 */
package dev.cascade.providersim.core;
