package dev.cascade.intake.http;

import dev.cascade.intake.activity.RecentActivity;
import dev.cascade.platform.http.Problem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/activity}: the last minutes' fallbacks by reason and outcomes by channel, for
 * the operator console. Counted by send-intake itself from the result topics ({@link
 * dev.cascade.intake.activity.ActivityReader}).
 */
public final class ActivityRoutes {

  private final ApiKeys apiKeys;
  private final RecentActivity activity;
  private final Clock clock;

  public ActivityRoutes(ApiKeys apiKeys, RecentActivity activity, Clock clock) {
    this.apiKeys = apiKeys;
    this.activity = activity;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get("/v1/activity", this::read);
  }

  private void read(Context ctx) {
    if (apiKeys.authenticate(ctx).isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      Problem.send(
          ctx, 401, "Unauthorized", "send a valid API key as X-Api-Key or Authorization: Bearer");
      return;
    }
    RecentActivity.Snapshot snapshot = activity.snapshot(clock.instant());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("windowSeconds", activity.window().toSeconds());
    body.put("since", snapshot.since());
    body.put("until", snapshot.until());
    body.put(
        "fallbacks",
        Map.of("total", snapshot.fallbacks(), "byReason", snapshot.fallbacksByReason()));
    body.put(
        "outcomes",
        Map.of("total", snapshot.outcomes(), "byChannel", snapshot.outcomesByChannel()));
    ctx.json(body);
  }
}
