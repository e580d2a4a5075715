package dev.cascade.fallback.orchestration;

import dev.cascade.schemas.Channel;
import dev.cascade.schemas.TimelineEvent;
import java.time.Instant;

/**
 * One entry of a message's timeline ({@code GET /v1/messages/{id}/events}): what happened, when
 * fallback-timer learned it, and to which step, channel and provider. Built with {@link #of} and
 * the withers, e.g. {@code Event.of(now, Type.TIMER_HELD).step(1).status("DELIVERY_TIMEOUT")}, and
 * appended with {@link Run#note} or {@link MessageState#withEvent}.
 *
 * @param type a {@link Type} name; a string so an event a newer version wrote still reads
 * @param status the normalized status, attempt result, command or timer kind the event is about
 * @param code the provider's own status or error code
 */
public record Event(
    Instant at,
    String type,
    Integer step,
    Channel channel,
    String provider,
    String status,
    String code,
    String detail) {

  /** What kind of event it is (SPEC section 10, message timeline). */
  public enum Type {
    ACCEPTED,
    SCHEDULED,
    COMMAND,
    ATTEMPT,
    REPORT,
    TIMER_ARMED,
    TIMER_HELD,
    TIMER_FIRED,
    REVOKE,
    LATE_DELIVERY,
    CALLBACK_DELIVERED,
    CALLBACK_FAILED,
    CANCELLED,
    OUTCOME
  }

  public static Event of(Instant at, Type type) {
    return new Event(at, type.name(), null, null, null, null, null, null);
  }

  public boolean is(Type kind) {
    return type.equals(kind.name());
  }

  public Event step(Integer value) {
    return new Event(at, type, value, channel, provider, status, code, detail);
  }

  public Event channel(Channel value) {
    return new Event(at, type, step, value, provider, status, code, detail);
  }

  public Event provider(String value) {
    return new Event(at, type, step, channel, value, status, code, detail);
  }

  public Event status(String value) {
    return new Event(at, type, step, channel, provider, value, code, detail);
  }

  public Event code(String value) {
    return new Event(at, type, step, channel, provider, status, value, detail);
  }

  public Event detail(String value) {
    return new Event(at, type, step, channel, provider, status, code, value);
  }

  public TimelineEvent toRecord() {
    return TimelineEvent.newBuilder()
        .setAt(at)
        .setType(type)
        .setStep(step)
        .setChannel(channel)
        .setProvider(provider)
        .setStatus(status)
        .setCode(code)
        .setDetail(detail)
        .build();
  }

  public static Event fromRecord(TimelineEvent r) {
    return new Event(
        r.getAt(),
        r.getType(),
        r.getStep(),
        r.getChannel(),
        r.getProvider(),
        r.getStatus(),
        r.getCode(),
        r.getDetail());
  }
}
