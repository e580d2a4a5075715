package dev.cascade.dev;

import java.util.List;

/**
 * The seed scenarios of SPEC section 8 as requests to a running stack. The simulator reads the
 * destination's last four digits (WhatsApp, RCS, Viber, SMS): 0 delivers, 1 rejects, 3 never
 * reports, 5 delivers late, 6 is an RCS device that is not capable.
 */
final class DemoScenarios {

  record Scenario(String name, String body, boolean expectsLateDelivery) {}

  private DemoScenarios() {}

  static List<Scenario> all(String runId) {
    return List.of(
        new Scenario(
            "seed 001: WhatsApp rejected, RCS rejected, SMS delivered",
            """
            {"messageId": "demo-001-%s", "to": "+393401231100",
             "steps": [
               {"channel": "WHATSAPP", "sender": "106540352242922",
                "content": {"template": {"name": "txn_alert", "language": "it",
                                         "parameters": {"nome": "Giulia", "importo": "1.250,00"}}},
                "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 60}},
               {"channel": "RCS", "sender": "banca-agent",
                "content": {"richCard": {"title": "Suspicious transaction", "description": "EUR 1.250,00 on 09/04"}},
                "fallback": {"on": ["SEND_FAILED", "UNDELIVERED"], "afterSeconds": 300}},
               {"channel": "SMS", "sender": "BancaAdri", "content": {"smsConversion": "AUTO"}}]}
            """.formatted(runId),
            false),
        new Scenario("seed 001 variant: WhatsApp -> SMS", """
            {"messageId": "demo-001b-%s", "to": "+393401231000",
             "steps": [
               {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Order 4411 is ready for pickup"}},
               {"channel": "SMS", "sender": "FarmaExpr", "content": {"text": "Order 4411 is ready for pickup"}}]}
            """.formatted(runId), false),
        new Scenario("seed 001: all three fail", """
            {"messageId": "demo-001c-%s", "to": "+393401231111",
             "steps": [
               {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Invoice due"}},
               {"channel": "RCS", "sender": "telco-agent", "content": {"text": "Invoice due"}},
               {"channel": "SMS", "sender": "TelcoMob", "content": {"text": "Invoice due"}}]}
            """.formatted(runId), false),
        new Scenario("seed 001: simulation bills nothing", """
            {"messageId": "demo-001d-%s", "to": "+393401230000", "simulation": true,
             "steps": [{"channel": "SMS", "sender": "BancaAdri", "content": {"text": "Test"}}]}
            """.formatted(runId), false),
        new Scenario("seed 000: RCS validity 5 s, then SMS", """
            {"messageId": "demo-000-%s", "to": "+393401230300",
             "steps": [
               {"channel": "RCS", "sender": "infobip-agent", "validitySeconds": 5,
                "content": {"text": "Your parcel arrives today"}, "fallback": {"on": ["UNDELIVERED"]}},
               {"channel": "SMS", "sender": "Parcels", "validitySeconds": 172800, "content": {"smsConversion": "AUTO"}}],
             "deliveryWindow": {"days": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY"],
                                "from": "00:00", "to": "23:59", "zone": "UTC"}}
            """.formatted(runId), false),
        new Scenario("seed 002: RCS not capable, rich card as SMS", """
            {"messageId": "demo-002-%s", "to": "+393401230600",
             "steps": [
               {"channel": "RCS", "sender": "shop-agent",
                "content": {"richCard": {"title": "Spring sale", "description": "20%% off until Sunday",
                                         "media": "https://example.com/sale.png",
                                         "suggestions": [{"text": "Shop now", "postbackData": "shop"}]}}},
               {"channel": "SMS", "sender": "Shop", "content": {"smsConversion": "AUTO"}}]}
            """.formatted(runId), false),
        new Scenario("seed 004: WhatsApp late after 60 s fallback", """
            {"messageId": "demo-004-%s", "to": "+393401235000",
             "steps": [
               {"channel": "WHATSAPP", "sender": "106540352242922", "content": {"text": "Your code is 482913"},
                "fallback": {"on": ["UNDELIVERED"], "afterSeconds": 60}},
               {"channel": "SMS", "sender": "Cascade", "content": {"text": "Your code is 482913"}}]}
            """.formatted(runId), true));
  }
}
