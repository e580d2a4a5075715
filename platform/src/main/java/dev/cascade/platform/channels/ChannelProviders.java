package dev.cascade.platform.channels;

import dev.cascade.platform.config.ConfigException;
import dev.cascade.platform.config.Settings;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which providers serve each channel in this deployment, the default first: what a step's
 * {@code provider} may name (SPEC section 3). Read from {@code channel.<slug>.providers} (an
 * ordered list, SPEC section 10), else {@code channel.<slug>.provider} as the default followed by
 * the catalogue's other providers, else the catalogue's list. send-intake, fallback-timer and
 * channel-workers read the same keys, so a step intake accepts names a provider the workers have.
 */
public record ChannelProviders(Map<Channel, List<String>> byChannel) {

  public ChannelProviders {
    Map<Channel, List<String>> copy = new EnumMap<>(Channel.class);
    byChannel.forEach((channel, providers) -> {
      if (providers.isEmpty()) {
        throw new IllegalArgumentException(channel + " needs at least one provider");
      }
      copy.put(channel, List.copyOf(providers));
    });
    for (Channel channel : Channel.values()) {
      copy.putIfAbsent(channel, ChannelCatalogue.of(channel).providers());
    }
    byChannel = Map.copyOf(copy);
  }

  /** The catalogue's providers, unconfigured. */
  public static ChannelProviders defaults() {
    return new ChannelProviders(Map.of());
  }

  public static ChannelProviders from(Settings settings) {
    Map<Channel, List<String>> byChannel = new EnumMap<>(Channel.class);
    for (ChannelTraits traits : ChannelCatalogue.all()) {
      String listKey = "channel." + traits.slug() + ".providers";
      String defaultKey = "channel." + traits.slug() + ".provider";
      List<String> providers =
          settings.optional(listKey).map(ChannelProviders::names).orElse(null);
      if (providers == null) {
        Set<String> ordered = new LinkedHashSet<>();
        settings.optional(defaultKey).map(String::strip).ifPresent(ordered::add);
        ordered.addAll(traits.providers());
        providers = new ArrayList<>(ordered);
      } else if (providers.isEmpty()) {
        throw new ConfigException(listKey, "", "a comma-separated list of provider names");
      }
      byChannel.put(traits.channel(), providers);
    }
    return new ChannelProviders(byChannel);
  }

  public List<String> servedBy(Channel channel) {
    return byChannel.get(channel);
  }

  public String defaultFor(Channel channel) {
    return byChannel.get(channel).getFirst();
  }

  public boolean serves(Channel channel, String provider) {
    return byChannel.get(channel).contains(provider);
  }

  /**
   * The providers a step's send may go through, in failover order (SPEC section 10): the step's
   * own {@code providers}, else its one {@code provider}, else the channel's configured list
   * without the providers that cannot send the step's content (an RCS template: Infobip only).
   * A channel worker moves down the list only while a provider is unavailable.
   */
  public List<String> forStep(Step step) {
    if (step.getProviders() != null && !step.getProviders().isEmpty()) {
      return List.copyOf(step.getProviders());
    }
    if (step.getProvider() != null) {
      return List.of(step.getProvider());
    }
    ChannelTraits traits = ChannelCatalogue.of(step.getChannel());
    List<ContentKind> kinds = ContentKind.of(step.getContent());
    List<String> able = servedBy(step.getChannel()).stream()
        .filter(provider -> kinds.size() != 1 || traits.sends(provider, kinds.getFirst()))
        .toList();
    // none able: the request rules refuse such a step before it is sent
    return able.isEmpty() ? servedBy(step.getChannel()) : able;
  }

  private static List<String> names(String list) {
    return Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(name -> !name.isEmpty())
        .toList();
  }
}
