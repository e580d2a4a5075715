package dev.cascade.workers.provider;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import java.time.Instant;

/** Commands as fallback-timer issues them, for provider tests. */
public final class Commands {

  private Commands() {}

  /** A SEND of attempt-1 of message m-1 to +393401230000 from sender 106540352242922. */
  public static ChannelCommand send(Channel channel, Content content) {
    return ChannelCommand.newBuilder()
        .setType(CommandType.SEND)
        .setAttemptId("attempt-1")
        .setMessageId("m-1")
        .setStep(0)
        .setChannel(channel)
        .setTo("+393401230000")
        .setSender("106540352242922")
        .setContent(content)
        .setIssuedAt(Instant.parse("2026-04-09T10:00:00Z"))
        .build();
  }

  public static ChannelCommand text(Channel channel, String text) {
    return send(channel, Content.newBuilder().setText(text).build());
  }
}
