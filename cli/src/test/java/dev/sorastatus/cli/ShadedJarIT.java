package dev.sorastatus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The command's jar, as built: it carries the fake it runs and no test library. */
class ShadedJarIT {
  private static List<String> entries() throws IOException {
    Path jar = Path.of(System.getProperty("sora-status.jar", "target/sora-status-cli-all.jar"));
    assertThat(jar).as("the shaded jar; run after package").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theJarShipsNoTestLibrary() throws IOException {
    assertThat(entries())
        .contains("dev/sorastatus/cli/Main.class", "dev/sorastatus/testkit/FakeVideoApi.class")
        .noneMatch(name -> name.startsWith("org/junit/"))
        .noneMatch(name -> name.startsWith("org/assertj/"))
        .noneMatch(name -> name.startsWith("org/opentest4j/"))
        .noneMatch(name -> name.startsWith("org/apiguardian/"))
        .noneMatch(name -> name.startsWith("com/github/tomakehurst/") || name.startsWith("wiremock/"));
  }

  @Test
  void theJarRunsWithItsOwnClassPathAlone() throws Exception {
    Path jar = Path.of(System.getProperty("sora-status.jar", "target/sora-status-cli-all.jar"));
    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Process help = new ProcessBuilder(launcher.toString(), "-jar", jar.toString(), "--help")
        .redirectErrorStream(true).start();
    String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(help.exitValue()).as(output).isZero();
    assertThat(output).contains("demo");
    assertThat(Files.size(jar)).isPositive();
  }

  @Test
  void theDemoPrintsNoStrayWarningAndLeavesAVideo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("sora-status.jar", "target/sora-status-cli-all.jar"));
    Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
    Path video = dir.resolve("demo.mp4");
    Process demo = new ProcessBuilder(launcher.toString(), "-jar", jar.toString(), "demo", "--interval", "100ms",
        "-o", video.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    try {
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends within a minute").isTrue();
      String output = Files.readString(dir.resolve("out.txt"));

      assertThat(demo.exitValue()).as(output).isZero();
      assertThat(output).doesNotContain("SLF4J").doesNotContain("WARNING").contains("saved " + video);
      assertThat(video).isRegularFile();
      assertThat(entries()).noneMatch(name -> name.startsWith("org/slf4j/"));
    } finally {
      demo.destroyForcibly();
    }
  }

  @Test
  void theJarTracksJobsInAnH2FileOfItsOwn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String store = dir.resolve("jobs").toString();

    assertThat(runJar(dir, "track", "video_1", "--tag", "batch=7", "--store", store)).contains("tracking video_1");
    assertThat(runJar(dir, "jobs", "--store", store)).containsPattern("video_1 +pending +- +0 ");
    assertThat(dir.resolve("jobs.mv.db")).isRegularFile();
  }

  private static String runJar(Path dir, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("sora-status.jar", "target/sora-status-cli-all.jar"));
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    Path log = dir.resolve("run.txt");
    Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(log);
      assertThat(run.exitValue()).as(output).isZero();
      return output;
    } finally {
      run.destroyForcibly();
    }
  }
}
