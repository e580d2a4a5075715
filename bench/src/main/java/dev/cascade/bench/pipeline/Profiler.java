package dev.cascade.bench.pipeline;

import dev.cascade.bench.process.Commands;
import dev.cascade.bench.process.JvmProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one JVM under load ({@code jcmd <pid> JFR.start settings=profile}), then where
 * its CPU samples fell: the JDK's {@code jfr view hot-methods}, plus the samples counted by thread,
 * by top frame, and by the first Cascade frame on the stack (which of our code is hot, whatever
 * library it calls).
 */
final class Profiler {

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final int TOP = 25;

  private final JvmProcess target;
  private final Path file;

  private Profiler(JvmProcess target, Path file) {
    this.target = target;
    this.file = file;
  }

  /** Starts a recording of {@code duration} on {@code target}, written to {@code file} when done. */
  static Profiler start(JvmProcess target, Duration duration, Path file) {
    Commands.jcmd(
        target.pid(),
        "JFR.start",
        "name=bench",
        "settings=profile",
        "duration=" + duration.toSeconds() + "s",
        "filename=" + file.toAbsolutePath());
    return new Profiler(target, file);
  }

  /** Waits for the recording file (written when the duration ends), then summarizes it. */
  String summarize() throws IOException, InterruptedException {
    for (int i = 0; i < 120 && !written(); i++) {
      Thread.sleep(500);
    }
    if (!written()) {
      Commands.jcmd(target.pid(), "JFR.stop", "name=bench");
    }
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> topFrames = new HashMap<>();
    Map<String, Integer> cascadeFrames = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      String thread = event.getThread("sampledThread") == null
          ? "?"
          : DIGITS.matcher(event.getThread("sampledThread").getJavaName()).replaceAll("N");
      threads.merge(thread, 1, Integer::sum);
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        topFrames.merge(name(frames.get(0)), 1, Integer::sum);
      }
      frames.stream()
          .filter(f -> f.getMethod().getType().getName().startsWith("dev.cascade."))
          .findFirst()
          .ifPresentOrElse(
              f -> cascadeFrames.merge(name(f), 1, Integer::sum),
              () -> cascadeFrames.merge(
                  "(no Cascade frame: Kafka clients, Jetty, JDK...)", 1, Integer::sum));
    }
    StringBuilder out = new StringBuilder();
    out.append("JFR ")
        .append(target.name())
        .append(" (pid ")
        .append(target.pid())
        .append("): ")
        .append(samples)
        .append(" execution samples\n");
    table(out, "CPU samples by thread (digits as N)", threads, samples);
    table(out, "Top frames (self time)", topFrames, samples);
    table(out, "First Cascade frame on the stack (inclusive)", cascadeFrames, samples);
    out.append("\n$ jfr view hot-methods\n")
        .append(Commands.run(List.of(
            Commands.jdkTool("jfr"), "view", "--width", "160", "hot-methods", file.toString())));
    return out.toString();
  }

  private boolean written() {
    try {
      return Files.exists(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void table(
      StringBuilder out, String title, Map<String, Integer> counts, int total) {
    out.append('\n').append(title).append('\n');
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> out.append(String.format(
            "  %6.2f%%  %7d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey())));
  }
}
