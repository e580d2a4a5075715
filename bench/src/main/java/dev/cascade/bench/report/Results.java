package dev.cascade.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/results}: one human report per benchmark run ({@code <date>-<name>.txt}) and
 * {@code latest.json}, which every benchmark updates with the figures it measured and leaves the
 * others as they were. Every key below is always present: a number, or null with a {@code notes}
 * entry saying why; {@code sources} says which command (and how many runs) produced each number.
 */
public final class Results {

  /** The figures latest.json always has, each with the command that measures it. */
  public static final Map<String, String> KEYS = keys();

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path directory;
  private final String commit;
  private final LocalDate date;

  public Results(Path directory, String commit, LocalDate date) {
    this.directory = directory;
    this.commit = commit;
    this.date = date;
  }

  /** bench/results of the repository in the working directory, today (UTC), at its commit. */
  public static Results here() {
    return new Results(Path.of("bench", "results"), Git.describe(), LocalDate.now(ZoneOffset.UTC));
  }

  private static Map<String, String> keys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("pipeline_http_msgs_per_s", "bench/run pipeline --load http");
    keys.put("pipeline_kafka_msgs_per_s", "bench/run pipeline --load kafka");
    keys.put("raw_produce_records_per_s", "bench/run pipeline (raw ceiling, every run)");
    keys.put("intake_requests_per_s", "bench/run intake");
    keys.put("intake_p99_ms_at_5000_rps", "bench/run intake --rate 5000");
    keys.put(
        "timer_1m_over_240s_p99_ms",
        "bench/run timer-lag 1000000 240 1000 60 1 timer_1m_over_240s_p99_ms");
    keys.put(
        "timer_10k_per_s_p99_ms", "bench/run timer-lag 200000 120 20 all 3 timer_10k_per_s_p99_ms");
    keys.put("timer_heap_bytes_per_pending", "bench/run timer-state");
    keys.put("timer_restart_to_firing_s_1m", "bench/run timer-state --timers 1000000 --after 240");
    keys.put("cpu_ms_per_message_http", "bench/run pipeline --load http --layout separate");
    for (String figure : java.util.List.of(
        "messages",
        "lost",
        "duplicate_outcomes",
        "spurious_fallbacks",
        "duplicate_provider_sends",
        "accepted_not_stored")) {
      keys.put("faults_" + figure, "bench/run faults");
    }
    return java.util.Collections.unmodifiableMap(keys);
  }

  /** Writes {@code <date>-<name>.txt}; its path. */
  public Path writeReport(String name, String text) {
    Path file = directory.resolve(date + "-" + name + ".txt");
    write(file, "measured " + date + " at commit " + commit + "\n" + text);
    return file;
  }

  /**
   * Merges {@code figures} (null values allowed) into latest.json; {@code notes} explain figures
   * (a null one needs one), {@code source} is the command that produced these figures.
   */
  public Path update(
      Map<String, Double> figures, Map<String, String> notes, String source, String machine) {
    Path file = directory.resolve("latest.json");
    ObjectNode root = read(file);
    ObjectNode merged = JSON.createObjectNode();
    merged.put("date", date.toString());
    merged.put("commit", commit);
    merged.put("machine", machine);
    ObjectNode oldNotes =
        root.has("notes") ? (ObjectNode) root.get("notes") : JSON.createObjectNode();
    ObjectNode oldSources =
        root.has("sources") ? (ObjectNode) root.get("sources") : JSON.createObjectNode();
    ObjectNode newNotes = JSON.createObjectNode();
    ObjectNode newSources = JSON.createObjectNode();
    List<String> order = new java.util.ArrayList<>(KEYS.keySet());
    root.fieldNames().forEachRemaining(key -> {
      if (!order.contains(key)
          && !List.of("date", "commit", "machine", "notes", "sources").contains(key)) {
        order.add(key);
      }
    });
    figures.keySet().stream().filter(key -> !order.contains(key)).forEach(order::add);
    for (String key : order) {
      if (figures.containsKey(key)) {
        Double value = figures.get(key);
        if (value == null) {
          merged.putNull(key);
        } else {
          merged.put(key, round(value));
        }
        newSources.put(key, source + " (" + date + ", " + commit + ")");
        if (notes.containsKey(key)) {
          newNotes.put(key, notes.get(key));
        }
      } else {
        merged.set(key, root.has(key) ? root.get(key) : JSON.nullNode());
        if (oldSources.has(key)) {
          newSources.set(key, oldSources.get(key));
        }
        if (oldNotes.has(key)) {
          newNotes.set(key, oldNotes.get(key));
        }
      }
      if (merged.get(key).isNull() && !newNotes.has(key)) {
        newNotes.put(key, "not measured yet; measured by: " + KEYS.getOrDefault(key, "?"));
      }
    }
    notes.forEach((key, note) -> {
      if (!figures.containsKey(key)) {
        newNotes.put(key, note);
      }
    });
    merged.set("notes", newNotes);
    merged.set("sources", newSources);
    try {
      write(file, JSON.writeValueAsString(merged) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Rates and milliseconds at a useful precision: 3 significant digits, whole numbers above 100. */
  static double round(double value) {
    if (Math.abs(value) >= 100) {
      return Math.round(value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).doubleValue();
  }

  private static ObjectNode read(Path file) {
    try {
      return Files.exists(file)
          ? (ObjectNode) JSON.readTree(file.toFile())
          : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
