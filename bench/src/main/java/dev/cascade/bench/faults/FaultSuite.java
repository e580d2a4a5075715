package dev.cascade.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cascade.bench.process.JvmProcess;
import dev.cascade.bench.process.KafkaBroker;
import dev.cascade.bench.stack.Stack;
import dev.cascade.bench.stack.Stack.Service;
import dev.cascade.platform.json.Json;
import dev.cascade.platform.kafka.CascadeTopics;
import dev.cascade.platform.kafka.KafkaSettings;
import dev.cascade.platform.kafka.TopicAdmin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the fault suite on real processes, loopback only: a standalone broker ({@code
 * bin/cascade kafka}), each service in its own JVM as {@code bin/cascade run} starts it, two
 * fallback-timer instances, the HTTP provider simulator. Under an open-loop HTTP load it injects
 * each {@link Fault} once, in order, then waits for the last outcomes and counts (see {@link
 * FaultFigures}). Only the processes it started are ever signalled, by their PIDs.
 */
public final class FaultSuite {

  private static final CascadeTopics TOPICS = new CascadeTopics();
  private static final String SECOND_TIMER = "fallback-timer-2";
  private static final Duration CLIENT_RETRY_FOR = Duration.ofSeconds(120);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration ROUTING_TIMEOUT = Duration.ofSeconds(150);
  private static final Duration DRAIN_STALL = Duration.ofSeconds(90);
  private static final int ROUTING_SAMPLE = 60;
  /**
   * The broker stays down at least this long: longer than send-intake may hold a request (its
   * producer blocks up to max.block.ms, 10 s, then it waits intake.ack.timeout, 5 s), so the
   * outage is one where a 503 is due.
   */
  private static final Duration BROKER_DOWN_AT_LEAST = Duration.ofSeconds(20);

  /** The faults, in the order they are injected, each at its share of the load's duration. */
  public enum Fault {
    KILL_SECOND_FALLBACK_TIMER(
        0.10,
        "SIGKILL fallback-timer-2 for good: its partitions and timers move to fallback-timer"),
    KILL_CHANNEL_WORKERS(0.25, "SIGKILL channel-workers, restarted"),
    KILL_DLR_INGEST(0.40, "SIGKILL dlr-ingest, restarted"),
    KILL_FALLBACK_TIMER(0.55, "SIGKILL fallback-timer (the survivor), restarted"),
    RESTART_BROKER(0.70, "broker stopped (SIGTERM), down ≥ 20 s, started again on its data"),
    KILL_SEND_INTAKE(0.85, "SIGKILL send-intake, restarted");

    final double at;
    final String description;

    Fault(double at, String description) {
      this.at = at;
      this.description = description;
    }
  }

  /** What one fault did: when (ms after the load started), how long until recovered, and notes. */
  public record Injected(Fault fault, long atMillis, double recoverySeconds, String note) {}

  /** The run's figures and the text of its report. */
  public record Result(Map<String, Double> figures, List<Injected> faults, List<String> detail) {}

  private final FaultConfig config;
  private final Path root;
  private final Path runDir;
  private final List<Injected> injected = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile KafkaBroker broker;
  /** The messages POSTed while the broker restarted, once it has. */
  private volatile IntakeLoad outageLoad;

  private final java.util.concurrent.locks.ReadWriteLock brokerLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock(true);

  FaultSuite(FaultConfig config, Path root) {
    this.config = config;
    this.root = root;
    this.runDir = KafkaBroker.runDirectory(root.resolve("bench/target/runs"), config.name());
  }

  /** A scenario from {@code bench/run faults}-style arguments (used by the CI test). */
  public static Result run(Path root, String... args) throws Exception {
    return new FaultSuite(FaultConfig.parse(args), root).execute();
  }

  Result execute() throws Exception {
    System.out.printf("run directory (logs): %s%n", root.relativize(runDir));
    broker = KafkaBroker.start(root, runDir);
    try {
      KafkaSettings kafka =
          new KafkaSettings(broker.bootstrapServers(), config.partitions(), (short) 1);
      TopicAdmin.ensureTopics(kafka, TOPICS);
      Map<String, String> extra = new LinkedHashMap<>();
      extra.put("sim.late.delay.s", String.valueOf(config.lateDelaySeconds()));
      // a webhook dlr-ingest did not take is tried again for longer than any outage here
      extra.put("sim.webhook.retry.for", "10m");
      if (!config.maxHold().isEmpty()) {
        extra.put("timer.max.hold", config.maxHold() + "s");
      }
      try (Stack stack = Stack.start(
              Stack.Layout.SEPARATE,
              List.of(Service.values()),
              broker.bootstrapServers(),
              config.partitions(),
              runDir,
              config.jvmOptions(),
              extra);
          FaultObserver observer = new FaultObserver(kafka)) {
        stack.startInstance(
            Service.FALLBACK_TIMER,
            SECOND_TIMER,
            Map.of(
                "timer.http.port", String.valueOf(KafkaBroker.freePort()),
                "timer.state.dir", runDir.resolve("timer-state-2").toString()));
        System.out.println("stack up: broker, every service, two fallback-timer instances");
        probe(stack, observer);
        return loadAndFaults(stack, observer);
      }
    } finally {
      broker.close();
    }
  }

  /**
   * Ten messages that end quickly (WhatsApp rejected, RCS or SMS delivered) through the whole
   * pipeline before the load: start-up is over (topics, consumer groups, both timers assigned).
   */
  private void probe(Stack stack, FaultObserver observer) throws InterruptedException {
    long[] fast = {
      999_012, 999_013, 999_014, 999_015, 999_016, 999_032, 999_033, 999_034, 999_035, 999_036
    };
    try (IntakeLoad probe = new IntakeLoad(
        stack.port(Service.SEND_INTAKE), "probe", config.afterSeconds(), CLIENT_RETRY_FOR)) {
      for (long n : fast) {
        probe.run(n, 1, 100);
      }
      probe.awaitAnswers(CLIENT_RETRY_FOR);
      long deadline = System.currentTimeMillis() + PROBE_TIMEOUT.toMillis();
      while (!probe.sent().keySet().stream().allMatch(observer::ended)) {
        observer.check();
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "the probe messages did not end within " + PROBE_TIMEOUT + "; see " + runDir);
        }
        Thread.sleep(200);
      }
    }
    System.out.println("pipeline ready: the probe messages ended");
  }

  private Result loadAndFaults(Stack stack, FaultObserver observer) throws Exception {
    List<String> detail = new ArrayList<>();
    try (IntakeLoad load = new IntakeLoad(
        stack.port(Service.SEND_INTAKE), "fault", config.afterSeconds(), CLIENT_RETRY_FOR)) {
      long loadStart = System.currentTimeMillis();
      Thread generator = Thread.ofPlatform()
          .name("faults-load")
          .start(() -> load.run(0, config.messages(), config.rate()));
      System.out.printf(
          "load: %d messages at %s/s (%s)%n",
          config.messages(), config.rate(), config.loadDuration());
      // each fault at its time on a thread of its own: a slow restart does not push the next
      // fault out of the load (on a busy machine a JVM takes tens of seconds to be healthy)
      List<Thread> faults = new ArrayList<>();
      for (Fault fault : Fault.values()) {
        long due = loadStart + (long) (fault.at * config.loadDuration().toMillis());
        faults.add(Thread.ofPlatform().name("fault-" + fault).start(() -> {
          try {
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
              Thread.sleep(wait);
            }
            Injected result = inject(fault, stack, load, loadStart);
            injected.add(result);
            System.out.printf(
                "t=%5.1fs recovered from %s in %.1f s %s%n",
                (System.currentTimeMillis() - loadStart) / 1000.0,
                fault,
                result.recoverySeconds(),
                result.note());
          } catch (Exception e) {
            failures.add(fault + ": " + e);
          }
        }));
      }
      for (Thread thread : faults) {
        thread.join();
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("faults failed: " + failures + "; see " + runDir);
      }
      injected.sort(java.util.Comparator.comparingLong(Injected::atMillis));
      generator.join();
      load.awaitAnswers(CLIENT_RETRY_FOR.plusSeconds(60));
      long loadEnd = System.currentTimeMillis();
      drain(load, observer);
      JsonNode journal = journal(stack);
      Map<String, FaultObserver.Track> tracks = observer.finish();
      Map<String, Double> figures = new LinkedHashMap<>();
      Map<String, IntakeLoad.Sent> sent = new java.util.HashMap<>(load.sent());
      if (outageLoad != null) {
        sent.putAll(outageLoad.sent());
      }
      figures.putAll(FaultFigures.compute(sent, tracks, journal, config.afterSeconds(), detail));
      load.answers()
          .forEach((answer, count) -> figures.put("answers_" + answer, (double) count.get()));
      figures.put("answers_503_problem_json", (double) load.problemJson503());
      if (outageLoad != null) {
        outageLoad
            .answers()
            .forEach((answer, count) ->
                figures.put("broker_outage_answers_" + answer, (double) count.get()));
        figures.put("broker_outage_answers_503_problem_json", (double) outageLoad.problemJson503());
      }
      figures.put("load_seconds", (loadEnd - loadStart) / 1000.0);
      for (Injected fault : injected) {
        figures.put(
            "recovery_s." + fault.fault().name().toLowerCase(java.util.Locale.ROOT),
            fault.recoverySeconds());
      }
      return new Result(figures, List.copyOf(injected), detail);
    }
  }

  /** Injects {@code fault} as soon as the broker lock allows; its time is relative to the load's start. */
  private Injected inject(Fault fault, Stack stack, IntakeLoad load, long loadStart)
      throws Exception {
    // Faults overlap, except the broker's restart: a service started while the broker is down
    // exits at once (it cannot create its topics), which is a different fault.
    // (fallback-timer-2 is not restarted, so its fault needs no lock)
    java.util.concurrent.locks.Lock lock = switch (fault) {
      case RESTART_BROKER -> brokerLock.writeLock();
      case KILL_SECOND_FALLBACK_TIMER -> new java.util.concurrent.locks.ReentrantLock();
      default -> brokerLock.readLock();
    };
    lock.lock();
    try {
      long at = System.currentTimeMillis();
      System.out.printf("t=%5.1fs %s%n", (at - loadStart) / 1000.0, fault.description);
      Injected result = injectNow(fault, stack, load, at);
      return new Injected(result.fault(), at - loadStart, result.recoverySeconds(), result.note());
    } finally {
      lock.unlock();
    }
  }

  private Injected injectNow(Fault fault, Stack stack, IntakeLoad load, long at) throws Exception {
    return switch (fault) {
      case KILL_SECOND_FALLBACK_TIMER -> killSecondTimer(stack, load, at);
      case KILL_CHANNEL_WORKERS -> killAndRestart(stack, Service.CHANNEL_WORKERS, at);
      case KILL_DLR_INGEST -> killAndRestart(stack, Service.DLR_INGEST, at);
      case KILL_FALLBACK_TIMER -> killAndRestart(stack, Service.FALLBACK_TIMER, at);
      case KILL_SEND_INTAKE -> killAndRestart(stack, Service.SEND_INTAKE, at);
      case RESTART_BROKER -> restartBroker(stack, at);
    };
  }

  /** SIGKILL, down for the configured time, started again; recovered when /health answers 200. */
  private Injected killAndRestart(Stack stack, Service service, long at)
      throws InterruptedException {
    String name = service.serviceName();
    JvmProcess killed = stack.process(name);
    stack.kill(name);
    Thread.sleep(config.downtime());
    stack.startAgain(service, name, killed, 3);
    return new Injected(
        Fault.valueOf("KILL_" + service.name()),
        at,
        (System.currentTimeMillis() - at) / 1000.0,
        "(pid " + killed.pid() + " killed; down " + config.downtime().toSeconds()
            + " s, then until /health answered 200)");
  }

  /**
   * SIGKILL of the second fallback-timer for good; recovered when send-intake answers GET for a
   * sample of the messages accepted so far (about half of them lived on the killed instance), which
   * it asks of the survivor, which serves them itself or routes them to their new owner.
   */
  private Injected killSecondTimer(Stack stack, IntakeLoad load, long at)
      throws InterruptedException {
    long pid = stack.process(SECOND_TIMER).pid();
    stack.kill(SECOND_TIMER);
    List<String> sample = load.sent().entrySet().stream()
        .filter(e -> e.getValue().acceptedAt >= 0)
        .map(Map.Entry::getKey)
        .limit(ROUTING_SAMPLE)
        .toList();
    long deadline = at + ROUTING_TIMEOUT.toMillis();
    int answered = 0;
    while (System.currentTimeMillis() < deadline) {
      answered = 0;
      for (String messageId : sample) {
        if (get(stack, messageId) == 200) {
          answered++;
        }
      }
      if (answered == sample.size()) {
        break;
      }
      Thread.sleep(500);
    }
    double recovery = answered == sample.size() ? (System.currentTimeMillis() - at) / 1000.0 : -1;
    return new Injected(
        Fault.KILL_SECOND_FALLBACK_TIMER,
        at,
        recovery,
        "(pid " + pid + " killed; then until GET /v1/messages/{id} answered 200 for " + answered
            + " of " + sample.size() + " messages accepted before)");
  }

  /**
   * Stopped, down, started again. From the stop on, a new message is POSTed every second, each
   * tried once (besides the load, which may have ended or be between retries): while Kafka does
   * not acknowledge, send-intake must answer 503 (problem+json), and never 202 for a request it did
   * not store (these messages are counted with the load's). Recovered at the first 202 after the
   * broker is back, with nothing restarted but the broker.
   */
  private Injected restartBroker(Stack stack, long at) throws InterruptedException {
    IntakeLoad outage = new IntakeLoad(
        stack.port(Service.SEND_INTAKE), "outage", config.afterSeconds(), Duration.ZERO);
    outageLoad = outage;
    java.util.concurrent.atomic.AtomicBoolean probing =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread prober = Thread.ofPlatform().name("faults-outage-probe").start(() -> {
      for (long k = 0; probing.get(); k++) {
        outage.run(900_000 + k, 1, 1000);
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    broker.stop();
    Thread.sleep(Math.max(config.downtime().toMillis(), BROKER_DOWN_AT_LEAST.toMillis()));
    broker = broker.startAgain();
    long brokerBackAt = System.currentTimeMillis();
    long deadline = brokerBackAt + CLIENT_RETRY_FOR.toMillis();
    while (outage.lastAcceptedAt() < brokerBackAt && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    probing.set(false);
    prober.join();
    outage.awaitAnswers(Duration.ofSeconds(60));
    long acceptedAt = outage.lastAcceptedAt();
    return new Injected(
        Fault.RESTART_BROKER,
        at,
        acceptedAt < brokerBackAt ? -1 : (acceptedAt - at) / 1000.0,
        "(down " + (brokerBackAt - at) / 1000.0
            + " s until the broker answered again, then until send-intake answered 202)");
  }

  private int get(Stack stack, String messageId) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(
            "http://localhost:" + stack.port(Service.SEND_INTAKE) + "/v1/messages/" + messageId))
        .timeout(Duration.ofSeconds(5))
        .header("Authorization", "Bearer dev-key")
        .GET()
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Until every accepted message has its outcome, at most the drain timeout or 90 s without news. */
  private void drain(IntakeLoad load, FaultObserver observer) throws InterruptedException {
    long deadline = System.currentTimeMillis() + config.drainTimeout().toMillis();
    long lastProgress = System.currentTimeMillis();
    long lastOpen = -1;
    while (System.currentTimeMillis() < deadline
        && System.currentTimeMillis() - lastProgress < DRAIN_STALL.toMillis()) {
      observer.check();
      long open = load.sent().entrySet().stream()
          .filter(e -> e.getValue().acceptedAt >= 0 && !observer.ended(e.getKey()))
          .count();
      if (open == 0) {
        break;
      }
      if (open != lastOpen) {
        lastOpen = open;
        lastProgress = System.currentTimeMillis();
      }
      Thread.sleep(500);
    }
    // a last look for second outcomes of messages that just ended
    Thread.sleep(3000);
    System.out.println("drained");
  }

  private JsonNode journal(Stack stack) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://localhost:" + stack.port(Service.PROVIDER_SIM) + "/sim/journal"))
        .timeout(Duration.ofSeconds(60))
        .GET()
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the simulator's journal: HTTP " + response.statusCode());
    }
    // kept with the run's logs, to look a message up afterwards
    java.nio.file.Files.writeString(runDir.resolve("sim-journal.json"), response.body());
    return Json.mapper().readTree(response.body());
  }
}
