package dev.cascade.providersim.core;

import java.util.Map;

/** One webhook call in a provider's real format: the dlr-ingest path, headers and body. */
public record Webhook(String path, Map<String, String> headers, byte[] body) {}
