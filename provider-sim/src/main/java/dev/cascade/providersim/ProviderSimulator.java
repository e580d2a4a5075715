package dev.cascade.providersim;

import dev.cascade.platform.config.Settings;
import dev.cascade.platform.json.Json;
import dev.cascade.providersim.core.Flakiness;
import dev.cascade.providersim.core.Reporter;
import dev.cascade.providersim.core.SimConfig;
import dev.cascade.providersim.infobip.InfobipApi;
import dev.cascade.providersim.meta.MetaApi;
import dev.cascade.providersim.rbm.RbmApi;
import dev.cascade.providersim.smpp.SimSmsc;
import dev.cascade.providersim.smpp.SmscStore;
import io.javalin.Javalin;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated providers on one HTTP server: Meta WhatsApp Cloud API, Google RBM and Infobip
 * (Viber, SMS), scripted by destination number (SPEC section 9), reporting through real-format
 * webhooks to dlr-ingest.
 */
public final class ProviderSimulator implements AutoCloseable {

  private static final Logger LOGGER = LoggerFactory.getLogger(ProviderSimulator.class);

  private final Javalin http;
  private final Reporter reporter;
  private final int smppPort;
  private final String smppPassword;
  private final SmscStore smscStore;
  private SimSmsc smsc; // null while stopped; guarded by this

  private ProviderSimulator(
      Javalin http, Reporter reporter, SmscStore smscStore, SimSmsc smsc, String smppPassword) {
    this.http = http;
    this.smscStore = smscStore;
    this.reporter = reporter;
    this.smsc = smsc;
    this.smppPort = smsc.port();
    this.smppPassword = smppPassword;
  }

  public static ProviderSimulator start(Settings settings) {
    SimConfig config = SimConfig.from(settings);
    Reporter reporter = new Reporter(config);
    Flakiness flakiness = new Flakiness();
    Javalin http = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.jsonMapper(new JavalinJackson(Json.mapper(), false));
    });
    // Fixed paths first: Meta's /{version}/{phoneNumberId}/messages would also match
    // /viber/2/messages.
    new InfobipApi(reporter, flakiness, config.infobipSecret()).register(http);
    new RbmApi(reporter, flakiness, config.rbmClientToken()).register(http);
    new MetaApi(reporter, flakiness, config.whatsappAppSecret()).register(http);
    // the simulator itself, for failover demos: POST /sim/smsc/stop and /sim/smsc/start
    AtomicReference<ProviderSimulator> self = new AtomicReference<>();
    http.post("/sim/smsc/{action}", ctx -> {
      switch (ctx.pathParam("action")) {
        case "stop" -> self.get().stopSmsc();
        case "start" -> self.get().startSmsc();
        default -> throw new NotFoundResponse("POST /sim/smsc/stop or /sim/smsc/start");
      }
      ctx.json(Map.of("smsc", self.get().smscRunning() ? "running" : "stopped"));
    });
    // what the simulator sent and reported, for the fault suite (bench/run faults) to check
    http.get("/sim/journal", ctx -> ctx.json(reporter.journal().snapshot()));
    http.start(config.httpPort());
    SmscStore smscStore = new SmscStore();
    SimSmsc smsc;
    try {
      smsc = new SimSmsc(config.smppPort(), config.smppPassword(), reporter, smscStore);
    } catch (java.io.IOException e) {
      http.stop();
      throw new java.io.UncheckedIOException(
          "cannot listen for SMPP on port " + config.smppPort(), e);
    }
    LOGGER
        .atInfo()
        .addKeyValue("port", http.port())
        .addKeyValue("smppPort", smsc.port())
        .addKeyValue("webhooks", config.webhookBaseUrl())
        .log("provider simulator started");
    ProviderSimulator simulator =
        new ProviderSimulator(http, reporter, smscStore, smsc, config.smppPassword());
    self.set(simulator);
    return simulator;
  }

  public int port() {
    return http.port();
  }

  public int smppPort() {
    return smppPort;
  }

  /**
   * Stops the simulated SMSC as if it went down: the port refuses connections and every bind
   * (the workers' transmitters, dlr-ingest's receiver) is dropped. For failover tests (SPEC
   * section 10); the HTTP providers keep answering.
   */
  public synchronized void stopSmsc() {
    if (smsc != null) {
      smsc.close();
      smsc = null;
      LOGGER.atInfo().addKeyValue("smppPort", smppPort).log("simulated SMSC stopped");
    }
  }

  public synchronized boolean smscRunning() {
    return smsc != null;
  }

  /** Starts the simulated SMSC again on its port; clients bind again on their own. */
  public synchronized void startSmsc() {
    if (smsc == null) {
      try {
        smsc = new SimSmsc(smppPort, smppPassword, reporter, smscStore);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot listen for SMPP on port " + smppPort + " again", e);
      }
      LOGGER.atInfo().addKeyValue("smppPort", smppPort).log("simulated SMSC started");
    }
  }

  @Override
  public synchronized void close() {
    if (smsc != null) {
      smsc.close();
    }
    http.stop();
    reporter.close();
  }
}
