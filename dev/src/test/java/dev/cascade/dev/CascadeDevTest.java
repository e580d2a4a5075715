package dev.cascade.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CascadeDevTest {

  @TempDir
  Path dir;

  @Test
  void keepsItsDataInDataDevUnlessToldOtherwise() {
    assertThat(CascadeDev.Arguments.parse())
        .isEqualTo(new CascadeDev.Arguments(Path.of("data/dev"), false));
    assertThat(CascadeDev.Arguments.parse("--data", "/tmp/x", "--fresh"))
        .isEqualTo(new CascadeDev.Arguments(Path.of("/tmp/x"), true));
    assertThatThrownBy(() -> CascadeDev.Arguments.parse("--data"))
        .hasMessageContaining("--data needs a directory");
    assertThatThrownBy(() -> CascadeDev.Arguments.parse("--wipe"))
        .hasMessageContaining("unknown argument '--wipe'");
  }

  @Test
  void freshDeletesTheBrokerLogAndTimerStateOnly() throws Exception {
    // given
    Files.createDirectories(dir.resolve("kafka/logs/send.requests-0"));
    Files.writeString(dir.resolve("kafka/logs/meta.properties"), "node.id=1");
    Files.createDirectories(dir.resolve("timer-state/cascade-fallback-timer/0_0"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    // when
    CascadeDev.empty(dir);

    // then
    assertThat(dir.resolve("kafka")).doesNotExist();
    assertThat(dir.resolve("timer-state")).doesNotExist();
    assertThat(dir.resolve("notes.txt")).hasContent("mine");
  }
}
