package dev.cascade.bench.report;

import dev.cascade.bench.process.Commands;
import java.util.List;

/** The commit the benchmark ran at. */
final class Git {

  private Git() {}

  /**
   * The short commit id, with {@code +changes} when the working tree differs from it outside
   * bench/results; {@code unknown} outside a git checkout.
   */
  static String describe() {
    try {
      String commit =
          Commands.run(List.of("git", "rev-parse", "--short", "HEAD")).trim();
      String changes = Commands.run(
              List.of("git", "status", "--porcelain", "--", ".", ":(exclude)bench/results"))
          .trim();
      return changes.isEmpty() ? commit : commit + "+changes";
    } catch (RuntimeException e) {
      return "unknown";
    }
  }
}
