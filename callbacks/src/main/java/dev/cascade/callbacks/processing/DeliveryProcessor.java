package dev.cascade.callbacks.processing;

import dev.cascade.callbacks.http.CallbackSender;
import dev.cascade.callbacks.http.DeliveryResult;
import dev.cascade.callbacks.queue.CallbackBodies;
import dev.cascade.callbacks.queue.CallbackState;
import dev.cascade.callbacks.queue.PendingCallback;
import dev.cascade.callbacks.queue.Target;
import dev.cascade.platform.callbacks.CallbackEvent;
import dev.cascade.platform.messages.MessageView;
import dev.cascade.schemas.MessageOutcome;
import dev.cascade.schemas.MessageStatus;
import dev.cascade.schemas.SendRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The callbacks of the messages of one task. A request with a callback (or whose API key has a
 * default URL) gets an entry in the {@value #STATES} store; each status or outcome event it
 * subscribed to is queued there with its body rendered. A wall-clock punctuator calls the first
 * due callback of each message asynchronously, and applies the answers on the stream thread at
 * its next tick: delivered, it goes and the next one of that message becomes due; failed, it waits
 * for its backoff; past the retry period (or refused), it goes to callbacks.dlq. Every outcome is
 * also written to callbacks.deliveries.
 *
 * <p>Why nothing is lost: an event's offset is committed only after the store's changelog holds
 * what the event queued (Kafka Streams flushes the stores before it commits), and a callback
 * leaves the store only after its receiver answered 2xx or it went to the dead-letter topic. A
 * process killed at any point restarts from the changelog with every callback not yet delivered,
 * and re-reads the events after the last commit; the read offsets kept per message keep those from
 * being queued twice. A callback whose call was under way when the process died is called again
 * when its lease ends, with the same {@code Cascade-Delivery} id: at least once.
 */
final class DeliveryProcessor implements Processor<String, SpecificRecord, String, Object> {

  static final String STATES = "callback-states";
  static final String DUE = "callback-due";

  /** An answer to apply on the stream thread. */
  private record Answer(String messageId, String deliveryId, DeliveryResult result) {}

  private final DeliverySettings settings;
  private final CallbackSender sender;
  private final CallbackMetrics metrics;
  private final Clock clock;
  private final RandomGenerator random;
  private final Outputs outputs;
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final Set<String> calling = new HashSet<>();

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, CallbackState> states;
  private KeyValueStore<Bytes, byte[]> due;

  DeliveryProcessor(
      DeliverySettings settings,
      CallbackSender sender,
      CallbackMetrics metrics,
      Clock clock,
      RandomGenerator random,
      Outputs outputs) {
    this.settings = settings;
    this.sender = sender;
    this.metrics = metrics;
    this.clock = clock;
    this.random = random;
    this.outputs = outputs;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.states = context.getStateStore(STATES);
    this.due = context.getStateStore(DUE);
    context.schedule(settings.tick(), PunctuationType.WALL_CLOCK_TIME, time -> tick());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    Instant now = clock.instant();
    switch (record.value()) {
      case SendRequest request -> taken(request, now);
      case MessageStatus status ->
        read(
            status.getMessageId(),
            CallbackEvent.STATUS,
            now,
            target -> CallbackBodies.of(target, status));
      case MessageOutcome outcome ->
        read(
            outcome.getMessageId(),
            CallbackEvent.OUTCOME,
            now,
            target -> CallbackBodies.of(target, outcome));
      case null, default -> {
        // a tombstone on the compacted status topic, or a record of no interest
      }
    }
  }

  /** A request: remember its callback, if it has one. The first request under an id wins. */
  private void taken(SendRequest request, Instant now) {
    String messageId = request.getMessageId();
    if (states.get(messageId) != null) {
      return;
    }
    target(request)
        .ifPresent(
            target -> save(messageId, CallbackState.of(target, now.plus(settings.keepAtMost()))));
  }

  private static MessageView.PolicyUsed policyOf(SendRequest request) {
    return request.getPolicy() == null
        ? null
        : new MessageView.PolicyUsed(
            request.getPolicy().getName(), request.getPolicy().getVersion());
  }

  private Optional<Target> target(SendRequest request) {
    if (request.getCallback() != null) {
      return Optional.of(new Target(
          request.getCallback().getUrl(),
          request.getCallback().getEvents(),
          request.getApiKeyId(),
          request.getSimulation(),
          request.getCampaignReferenceId(),
          request.getReceivedAt(),
          policyOf(request)));
    }
    return settings
        .keys()
        .defaultUrl(request.getApiKeyId())
        .map(url -> new Target(
            url,
            CallbackEvent.DEFAULT,
            request.getApiKeyId(),
            request.getSimulation(),
            request.getCampaignReferenceId(),
            request.getReceivedAt(),
            policyOf(request)));
  }

  private void read(
      String messageId, CallbackEvent event, Instant now, Function<Target, String> body) {
    CallbackState state = states.get(messageId);
    RecordMetadata source = context.recordMetadata().orElseThrow();
    if (state == null) {
      return; // no callback for this message
    }
    if (event == CallbackEvent.OUTCOME) {
      state = state.forgetAfter(now.plus(settings.keepAfterOutcome()));
    }
    if (!state.hasRead(source.topic(), source.offset())) {
      state = state.read(source.topic(), source.offset());
      if (state.target().wants(event.name())) {
        state = state.enqueue(PendingCallback.of(
            deliveryId(source), event.name(), source.topic(), body.apply(state.target()), now));
      }
    }
    save(messageId, state);
  }

  /** The same for every read of the same event: its position in its topic. */
  private static String deliveryId(RecordMetadata source) {
    return UUID.nameUUIDFromBytes(
            (source.topic() + "/" + source.partition() + "/" + source.offset())
                .getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Applies the answers that came back, then calls what is due. */
  private void tick() {
    Instant now = clock.instant();
    Answer answer;
    while ((answer = answers.poll()) != null) {
      apply(answer, now);
    }
    List<Bytes> dueKeys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> entries = due.range(DueIndex.FIRST, DueIndex.after(now))) {
      while (entries.hasNext() && dueKeys.size() < 4 * settings.maxInFlight()) {
        dueKeys.add(entries.next().key);
      }
    }
    for (Bytes key : dueKeys) {
      if (calling.size() >= settings.maxInFlight()) {
        return;
      }
      wake(key, now);
    }
  }

  private void wake(Bytes key, Instant now) {
    String messageId = DueIndex.messageId(key);
    CallbackState state = states.get(messageId);
    if (state == null
        || state.wakeAt() == null
        || !key.equals(DueIndex.key(state.wakeAt(), messageId))) {
      due.delete(key); // left behind by a change that did not reach the index
      return;
    }
    if (state.queue().isEmpty()) {
      if (!state.forgetAt().isAfter(now)) {
        due.delete(key);
        states.delete(messageId);
      } else {
        save(messageId, state);
      }
      return;
    }
    if (state.head().nextAttemptAt().isAfter(now)) {
      save(messageId, state);
      return;
    }
    if (!calling.add(messageId)) {
      return; // still waiting for its answer
    }
    PendingCallback head = state.head().trying(now.plus(settings.lease()));
    save(messageId, state.withHead(head));
    Optional<String> secret = settings.keys().secret(state.target().apiKeyId());
    if (secret.isEmpty()) {
      answers.add(new Answer(
          messageId,
          head.deliveryId(),
          new DeliveryResult.Refused(
              "no callback secret for API key " + state.target().apiKeyId())));
      return;
    }
    String id = head.deliveryId();
    sender
        .post(new CallbackSender.Call(
            state.target().url(), head.event(), id, head.body(), secret.get()))
        .thenAccept(result -> answers.add(new Answer(messageId, id, result)));
  }

  private void apply(Answer answer, Instant now) {
    calling.remove(answer.messageId());
    CallbackState state = states.get(answer.messageId());
    if (state == null
        || state.queue().isEmpty()
        || !state.head().deliveryId().equals(answer.deliveryId())) {
      return; // answered after a restart already settled it
    }
    PendingCallback head = state.head();
    switch (answer.result()) {
      case DeliveryResult.Delivered delivered -> {
        metrics.count(CallbackMetrics.Result.DELIVERED);
        outputs.delivered(
            context, answer.messageId(), state.target(), head, delivered.httpStatus(), now);
        save(answer.messageId(), state.withoutHead());
      }
      case DeliveryResult.Refused refused -> {
        metrics.count(CallbackMetrics.Result.REFUSED);
        outputs.givenUp(context, answer.messageId(), state.target(), head, refused.reason(), now);
        save(answer.messageId(), state.withoutHead());
      }
      case DeliveryResult.Failed failed -> {
        Optional<Instant> next =
            settings.retry().nextTry(head.tries(), head.enqueuedAt(), now, random.nextDouble());
        PendingCallback retried =
            head.failed(failed.httpStatus(), failed.error(), next.orElse(now));
        if (next.isPresent()) {
          metrics.count(CallbackMetrics.Result.RETRIED);
          save(answer.messageId(), state.withHead(retried));
        } else {
          metrics.count(CallbackMetrics.Result.GAVE_UP);
          outputs.givenUp(
              context,
              answer.messageId(),
              state.target(),
              retried,
              "gave up after " + head.tries() + " tries: " + failed.error(),
              now);
          save(answer.messageId(), state.withoutHead());
        }
      }
    }
  }

  /** Stores the state, and moves its due-index entry when its next wake changed. */
  private void save(String messageId, CallbackState state) {
    Instant wake = state.nextWake();
    if (!Objects.equals(wake, state.wakeAt())) {
      if (state.wakeAt() != null) {
        due.delete(DueIndex.key(state.wakeAt(), messageId));
      }
      due.put(DueIndex.key(wake, messageId), DueIndex.PRESENT);
      state = state.armedAt(wake);
    }
    states.put(messageId, state);
  }

  @Override
  public void close() {
    answers.clear();
    calling.clear();
  }
}
