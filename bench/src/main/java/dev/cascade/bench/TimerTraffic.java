package dev.cascade.bench;

import dev.cascade.schemas.AttemptResult;
import dev.cascade.schemas.Channel;
import dev.cascade.schemas.ChannelAttempt;
import dev.cascade.schemas.ChannelCommand;
import dev.cascade.schemas.CommandType;
import dev.cascade.schemas.Content;
import dev.cascade.schemas.Fallback;
import dev.cascade.schemas.FallbackTrigger;
import dev.cascade.schemas.SendRequest;
import dev.cascade.schemas.Step;
import java.time.Instant;
import java.util.List;

/**
 * The timer benchmarks' traffic: WhatsApp, then SMS after {@code afterSeconds} without a delivery;
 * the benchmark plays the WhatsApp worker, accepting every send at once, so the timer is armed and
 * nothing else happens until it fires.
 */
public final class TimerTraffic {

  private TimerTraffic() {}

  public static SendRequest request(String messageId, int afterSeconds) {
    Step whatsapp = Step.newBuilder()
        .setChannel(Channel.WHATSAPP)
        .setSender("106540352242922")
        .setContent(Content.newBuilder().setText("Your code is 482913").build())
        .setFallback(Fallback.newBuilder()
            .setOn(List.of(FallbackTrigger.UNDELIVERED))
            .setAfterSeconds(afterSeconds)
            .build())
        .build();
    Step sms = Step.newBuilder()
        .setChannel(Channel.SMS)
        .setSender("Cascade")
        .setContent(Content.newBuilder().setText("Your code is 482913").build())
        .build();
    return SendRequest.newBuilder()
        .setMessageId(messageId)
        .setTo("+393401233000")
        .setSteps(List.of(whatsapp, sms))
        .build();
  }

  /** The attempt record of a WhatsApp send accepted at {@code at}. */
  public static ChannelAttempt accepted(ChannelCommand command, Instant at) {
    return ChannelAttempt.newBuilder()
        .setAttemptId(command.getAttemptId())
        .setMessageId(command.getMessageId())
        .setStep(command.getStep())
        .setChannel(command.getChannel())
        .setProvider("meta")
        .setCommandType(CommandType.SEND)
        .setOutcome(AttemptResult.ACCEPTED)
        .setProviderMessageIds(List.of("wamid." + command.getAttemptId()))
        .setAttemptedAt(at)
        .build();
  }
}
