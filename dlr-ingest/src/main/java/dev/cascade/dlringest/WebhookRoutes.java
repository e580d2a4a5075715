package dev.cascade.dlringest;

import dev.cascade.dlringest.reports.DlrPublisher;
import dev.cascade.dlringest.reports.Handshake;
import dev.cascade.dlringest.reports.MalformedReportException;
import dev.cascade.dlringest.reports.Publication;
import dev.cascade.dlringest.reports.ReportSource;
import dev.cascade.dlringest.reports.WebhookCall;
import dev.cascade.platform.http.HttpServer;
import dev.cascade.platform.http.Problem;
import dev.cascade.platform.http.RequestBody;
import dev.cascade.platform.json.Utf8;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook per provider plugin on {@code /webhooks/<path>}. Each call is authenticated on its
 * raw body (at most {@link HttpServer#MAX_REQUEST_BYTES}) first: a forged or unsigned call gets 401,
 * one whose signature cannot even be checked (RBM's envelope broken) 400, and neither writes
 * anything. A signed call is parsed and answered 200 only after Kafka acknowledged every report in
 * it; the provider retries anything else. A signed body that cannot be parsed gets 400 and goes to
 * dlr.raw.dlq with the reason.
 */
final class WebhookRoutes {

  static final String PREFIX = "/webhooks/";

  private final List<ReportSource> sources;
  private final DlrPublisher publisher;

  WebhookRoutes(List<ReportSource> sources, DlrPublisher publisher) {
    this.sources = List.copyOf(sources);
    this.publisher = publisher;
  }

  void register(Javalin app) {
    for (ReportSource source : sources) {
      app.get(PREFIX + source.webhookPath(), ctx -> subscriptionCheck(ctx, source));
      app.post(PREFIX + source.webhookPath(), ctx -> receive(ctx, source));
    }
  }

  private void subscriptionCheck(Context ctx, ReportSource source) {
    Optional<Handshake> check = source.subscriptionCheck(call(ctx, new byte[0]));
    if (check.isEmpty()) {
      Problem.send(ctx, 405, "Method Not Allowed", source.provider() + " reports are POSTed");
      return;
    }
    // a refused subscription check is 403, as Meta's documentation answers a wrong verify token
    answer(ctx, source, check.get(), 403);
  }

  private void receive(Context ctx, ReportSource source) {
    byte[] body;
    switch (RequestBody.read(ctx, HttpServer.MAX_REQUEST_BYTES)) {
      case RequestBody.Read read -> body = read.bytes();
      case RequestBody.Refused refused -> {
        Problem.send(ctx, refused.status(), refused.title(), refused.detail());
        return;
      }
    }
    WebhookCall call = call(ctx, body);
    try {
      Optional<Handshake> check = source.configurationCheck(call);
      if (check.isPresent()) {
        answer(ctx, source, check.get(), 401);
        return;
      }
      if (!source.signed(call)) {
        unauthorized(
            ctx, source, 401, "missing or wrong " + source.provider() + " webhook signature");
        return;
      }
    } catch (MalformedReportException e) {
      // its signature cannot even be checked: nothing of it is written, not even to the DLQ
      publisher.refused(source.provider());
      Problem.send(
          ctx, 400, "Bad Request", "cannot check the signature of this call: " + e.getMessage());
      return;
    }
    if (!Utf8.isWellFormed(body)) {
      badRequest(
          ctx,
          publisher.deadLetter(
              source.provider(),
              body,
              new MalformedReportException("the body is not well-formed UTF-8")));
      return;
    }
    switch (publisher.publish(source, call.body())) {
      case Publication.Accepted accepted ->
        ctx.status(200).json(Map.of("accepted", accepted.reports()));
      case Publication.Malformed malformed -> badRequest(ctx, malformed);
      case Publication.Unavailable unavailable -> {
        ctx.header("Retry-After", "1");
        Problem.send(
            ctx, 503, "Service Unavailable", "Kafka did not acknowledge the reports; retry");
      }
    }
  }

  private void answer(Context ctx, ReportSource source, Handshake check, int refusedStatus) {
    check
        .answer()
        .ifPresentOrElse(
            text -> ctx.contentType("text/plain").result(text),
            () -> unauthorized(
                ctx,
                source,
                refusedStatus,
                "the " + source.provider() + " webhook check does not match"));
  }

  private void unauthorized(Context ctx, ReportSource source, int status, String detail) {
    publisher.refused(source.provider());
    Problem.send(ctx, status, status == 403 ? "Forbidden" : "Unauthorized", detail);
  }

  private static void badRequest(Context ctx, Publication.Malformed malformed) {
    Problem.send(ctx, 400, "Bad Request", malformed.reason());
  }

  private static WebhookCall call(Context ctx, byte[] body) {
    Map<String, String> query = new HashMap<>();
    ctx.queryParamMap().forEach((name, values) -> {
      if (!values.isEmpty()) {
        query.put(name, values.getFirst());
      }
    });
    return new WebhookCall(body, ctx.headerMap(), query);
  }
}
