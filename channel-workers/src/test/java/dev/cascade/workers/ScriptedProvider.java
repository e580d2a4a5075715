package dev.cascade.workers;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.workers.provider.ChannelProvider;
import dev.cascade.workers.provider.ProviderResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A provider that answers as its script says and remembers what it was asked to send. */
final class ScriptedProvider implements ChannelProvider {

  private final String name;
  private final Set<Channel> channels;
  private final Function<ChannelCommand, CompletionStage<ProviderResult>> script;
  private final List<ChannelCommand> sent = new CopyOnWriteArrayList<>();

  ScriptedProvider(
      String name,
      Set<Channel> channels,
      Function<ChannelCommand, CompletionStage<ProviderResult>> script) {
    this.name = name;
    this.channels = channels;
    this.script = script;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Channel> channels() {
    return channels;
  }

  @Override
  public CompletionStage<ProviderResult> send(ChannelCommand command) {
    sent.add(command);
    return script.apply(command);
  }

  List<ChannelCommand> sent() {
    return List.copyOf(sent);
  }
}
