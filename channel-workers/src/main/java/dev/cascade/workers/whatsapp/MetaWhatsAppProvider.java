package dev.cascade.workers.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.platform.channels.ContentKind;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Template;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.JsonHttp;
import dev.cascade.workers.provider.ProviderResult;
import dev.cascade.workers.provider.UnsupportedContentException;
import dev.cascade.workers.provider.Uris;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Meta's WhatsApp Cloud API ("Send messages", Graph API v21.0): {@code POST
 * /v21.0/{phone-number-id}/messages} with a text or a template with named body parameters. The
 * attempt id travels as {@code biz_opaque_callback_data}, which status webhooks carry back.
 */
final class MetaWhatsAppProvider implements ChannelProvider {

  static final String NAME = "meta";
  static final String API_VERSION = "v21.0";
  private static final Set<ContentKind> EXPRESSIBLE =
      Set.of(ContentKind.TEXT, ContentKind.TEMPLATE, ContentKind.MEDIA);

  private final JsonHttp http;
  private final MetaConfig config;

  MetaWhatsAppProvider(JsonHttp http, MetaConfig config) {
    this.http = http;
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<Channel> channels() {
    return Set.of(Channel.WHATSAPP);
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    UnsupportedContentException.requireOneOf(command, NAME, EXPRESSIBLE);
    URI uri = URI.create(config.baseUrl() + "/" + API_VERSION + "/"
        + Uris.encode(command.getSender()) + "/messages");
    return http.call(NAME, "POST", uri, "Bearer " + config.token(), body(command))
        .thenApply(MetaWhatsAppProvider::interpret);
  }

  private static ProviderResult interpret(JsonHttp.Answer answer) {
    if (answer.ok()) {
      return ProviderResult.accepted(
          List.of(answer.body().path("messages").path(0).path("id").asText()));
    }
    JsonNode error = answer.body().path("error");
    String code = error.path("code").isMissingNode()
        ? "HTTP_" + answer.status()
        : error.path("code").asText();
    return ProviderResult.rejected(code, error.path("message").asText("HTTP " + answer.status()));
  }

  static Map<String, Object> body(ChannelCommand command) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", command.getTo().substring(1)); // Cloud API numbers carry no leading +
    Content content = command.getContent();
    if (content.getTemplate() != null) {
      body.put("type", "template");
      body.put("template", template(content.getTemplate()));
    } else if (content.getMedia() != null) {
      body.put("type", "image");
      body.put("image", Map.of("link", content.getMedia()));
    } else {
      body.put("type", "text");
      body.put("text", Map.of("preview_url", false, "body", content.getText()));
    }
    body.put("biz_opaque_callback_data", command.getAttemptId());
    return body;
  }

  private static Map<String, Object> template(Template template) {
    List<Map<String, Object>> parameters = new ArrayList<>();
    template
        .getParameters()
        .forEach((name, value) ->
            parameters.add(Map.of("type", "text", "parameter_name", name, "text", value)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", template.getName());
    body.put("language", Map.of("code", template.getLanguage()));
    if (!parameters.isEmpty()) {
      body.put("components", List.of(Map.of("type", "body", "parameters", parameters)));
    }
    return body;
  }
}
