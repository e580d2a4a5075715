package dev.cascade.dlringest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.dlringest.infobip.InfobipReportParser;
import dev.cascade.dlringest.rbm.RbmEventParser;
import dev.cascade.dlringest.whatsapp.WhatsAppStatusParser;
import dev.cascade.platform.http.Problem;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.Dlq;
import dev.cascade.platform.kafka.RecordSender;
import dev.cascade.platform.webhooks.Signatures;
import dev.cascade.schemas.RawDeliveryReport;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The providers' webhooks. Each call is authenticated on its raw body first (a forged or unsigned
 * call gets 401 and writes nothing), then parsed, and answered 200 only after Kafka acknowledged
 * every report in it; the provider retries anything else. A body that cannot be parsed gets 400
 * and goes to dlr.raw.dlq with the reason.
 */
final class WebhookRoutes {

  /** Parses an authenticated body into reports. */
  private interface Parser {
    List<RawDeliveryReport> parse(byte[] body, Instant receivedAt) throws MalformedReportException, IOException;
  }

  private final DlrIngestConfig config;
  private final RecordSender sender;
  private final CascadeTopics topics;
  private final DlrIngestMetrics metrics;

  WebhookRoutes(DlrIngestConfig config, RecordSender sender, CascadeTopics topics, DlrIngestMetrics metrics) {
    this.config = config;
    this.sender = sender;
    this.topics = topics;
    this.metrics = metrics;
  }

  void register(Javalin app) {
    app.get("/webhooks/whatsapp", this::verifyWhatsAppSubscription);
    app.post("/webhooks/whatsapp", ctx -> {
      if (authorized(ctx, WhatsAppStatusParser.PROVIDER, Signatures.matches(
          Signatures.metaSignature(config.whatsappAppSecret(), ctx.bodyAsBytes()), ctx.header("X-Hub-Signature-256")))) {
        ingest(ctx, WhatsAppStatusParser.PROVIDER, (body, at) -> WhatsAppStatusParser.parse(Json.mapper().readTree(body), at));
      }
    });
    app.post("/webhooks/rbm", this::rbm);
    app.post("/webhooks/infobip", ctx -> {
      if (authorized(ctx, InfobipReportParser.PROVIDER, Signatures.matches(basic(config.infobipSecret()),
          ctx.header("Authorization")))) {
        ingest(ctx, InfobipReportParser.PROVIDER, (body, at) -> InfobipReportParser.parse(Json.mapper().readTree(body), at));
      }
    });
  }

  /** Meta's subscription check: echo hub.challenge when hub.verify_token is ours. */
  private void verifyWhatsAppSubscription(Context ctx) {
    boolean subscribe = "subscribe".equals(ctx.queryParam("hub.mode"));
    if (subscribe && Signatures.matches(config.whatsappVerifyToken(), ctx.queryParam("hub.verify_token"))) {
      ctx.contentType("text/plain").result(String.valueOf(ctx.queryParam("hub.challenge")));
    } else {
      Problem.send(ctx, 403, "Forbidden", "hub.mode must be subscribe and hub.verify_token must match");
    }
  }

  private void rbm(Context ctx) throws Exception {
    JsonNode envelope = readJson(ctx, RbmEventParser.PROVIDER);
    if (envelope == null) {
      return;
    }
    if (envelope.has("clientToken") && envelope.has("secret")) {
      // RBM's webhook configuration check: answer the secret when the client token is ours
      if (authorized(ctx, RbmEventParser.PROVIDER, Signatures.matches(config.rbmClientToken(),
          envelope.get("clientToken").asText()))) {
        ctx.contentType("text/plain").result(envelope.get("secret").asText());
      }
      return;
    }
    byte[] eventData;
    try {
      eventData = RbmEventParser.eventData(envelope);
    } catch (MalformedReportException e) {
      malformed(ctx, RbmEventParser.PROVIDER, e.getMessage());
      return;
    }
    if (authorized(ctx, RbmEventParser.PROVIDER, Signatures.matches(
        Signatures.rbmSignature(config.rbmClientToken(), eventData), ctx.header("X-Goog-Signature")))) {
      ingest(ctx, RbmEventParser.PROVIDER, (body, at) -> RbmEventParser.parse(eventData, at));
    }
  }

  private JsonNode readJson(Context ctx, String provider) {
    try {
      return Json.mapper().readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      malformed(ctx, provider, "the body is not JSON");
      return null;
    }
  }

  private boolean authorized(Context ctx, String provider, boolean signatureMatches) {
    if (!signatureMatches) {
      metrics.webhook(provider, "unauthorized");
      Problem.send(ctx, 401, "Unauthorized", "missing or wrong " + provider + " webhook signature");
    }
    return signatureMatches;
  }

  private void ingest(Context ctx, String provider, Parser parser) throws InterruptedException {
    List<RawDeliveryReport> reports;
    try {
      reports = parser.parse(ctx.bodyAsBytes(), Instant.now());
    } catch (MalformedReportException | IOException e) {
      malformed(ctx, provider, e.getMessage());
      return;
    }
    List<CompletableFuture<?>> acks = reports.stream()
        .<CompletableFuture<?>>map(r -> sender.send(topics.dlrRaw, r.getProvider() + ":" + r.getProviderMessageId(), r))
        .toList();
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      metrics.webhook(provider, "unavailable");
      ctx.header("Retry-After", "1");
      Problem.send(ctx, 503, "Service Unavailable", "Kafka did not acknowledge the reports; retry");
      return;
    }
    metrics.webhook(provider, "accepted");
    ctx.status(200).json(java.util.Map.of("accepted", reports.size()));
  }

  private void malformed(Context ctx, String provider, String reason) {
    metrics.webhook(provider, "malformed");
    metrics.dlq(topics.dlrRaw.dlqName());
    sender.sendBytes(Dlq.record(topics.dlrRaw.name(), provider.getBytes(StandardCharsets.UTF_8), ctx.bodyAsBytes(),
        new MalformedReportException(provider + " webhook: " + reason), Instant.now()));
    Problem.send(ctx, 400, "Bad Request", reason);
  }

  /** The Authorization header Infobip sends when its notifyUrl carries Basic credentials. */
  static String basic(String secret) {
    return "Basic " + Base64.getEncoder().encodeToString(("infobip:" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
