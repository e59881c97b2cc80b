package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./sora-status} run as a separate process, the way the README tells a newcomer to run it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RootScriptIT {
  @TempDir Path dir;

  private Process start(String... args) throws IOException {
    Path script = Path.of(System.getProperty("sora-status.root", "..")).resolve("sora-status").toRealPath();
    List<String> command = new java.util.ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("SORA_") || name.startsWith("OPENAI_"));
    return builder.start();
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }

  @Test
  void theDemoRunsFromTheRootScriptAndLeavesTheVideoOnDisk() throws Exception {
    Process demo = start("demo", "--interval", "100ms", "-o", "demo.mp4");

    String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(demo.exitValue()).as(output).isZero();
    assertThat(dir.resolve("demo.mp4")).hasBinaryContent(DemoCommandTest.demoVideo());
    assertThat(files()).containsExactly(dir.resolve("demo.mp4"));
    assertThat(output).contains("status:       completed").contains("saved demo.mp4 (110.4 KiB")
        .doesNotContain("\u001b");
  }

  @Test
  void ctrlCStopsTheDemoCleanlyAndLeavesNoFile() throws Exception {
    Process demo = start("demo", "--interval", "1s", "-o", "demo.mp4");
    BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = lines.readLine(); line != null && !line.contains("processing"); line = lines.readLine()) {
      seen.append(line).append('\n');
    }

    new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor(10, TimeUnit.SECONDS);

    assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as(seen::toString).isTrue();
    assertThat(demo.exitValue()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(files()).isEmpty();
  }
}
