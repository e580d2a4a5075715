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
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
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
  private final SimSmsc smsc;

  private ProviderSimulator(Javalin http, Reporter reporter, SimSmsc smsc) {
    this.http = http;
    this.reporter = reporter;
    this.smsc = smsc;
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
    // what the simulator sent and reported, for the fault suite (bench/run faults) to check
    http.get("/sim/journal", ctx -> ctx.json(reporter.journal().snapshot()));
    http.start(config.httpPort());
    SimSmsc smsc;
    try {
      smsc = new SimSmsc(config.smppPort(), config.smppPassword(), reporter);
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
    return new ProviderSimulator(http, reporter, smsc);
  }

  public int port() {
    return http.port();
  }

  public int smppPort() {
    return smsc.port();
  }

  @Override
  public void close() {
    smsc.close();
    http.stop();
    reporter.close();
  }
}
