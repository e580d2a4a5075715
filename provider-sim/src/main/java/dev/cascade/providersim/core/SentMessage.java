package dev.cascade.providersim.core;

import dev.cascade.schemas.Channel;

/** A message a simulated provider accepted: what its reports must name. */
public record SentMessage(Channel channel, String providerMessageId, String to, String sender) {}
