package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds every Java block of {@code README.md} and {@code docs/*.md} to the source region its marker names,
 * so that the docs show only code that compiles and runs in {@code mvn -B verify}.
 *
 * <p>When an API change breaks a snippet, fix its source (a test in {@code com.example.docs} or the example
 * project), then rewrite the blocks from their regions and review the diff:
 *
 * <pre>
 * ./mvnw -o -q -pl examples/consumer -am test -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsnippets.update=true
 * </pre>
 */
class DocSnippetsTest {
  private static final boolean UPDATE = Boolean.getBoolean("snippets.update");

  @Test
  void everyJavaBlockInTheDocsIsItsSourceRegion() throws IOException {
    Path root = repositoryRoot();
    List<Path> docs = docs(root);
    Set<String> problems = new LinkedHashSet<>();
    Set<String> used = new LinkedHashSet<>();
    int blocks = 0;
    for (Path doc : docs) {
      String file = relative(root, doc);
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      Snippets.Result result = Snippets.check(file, text, path -> read(root, path), UPDATE);
      problems.addAll(result.problems());
      blocks += result.blocks();
      if (UPDATE && !result.updated().equals(text)) {
        Files.writeString(doc, result.updated(), StandardCharsets.UTF_8);
      }
      for (String line : text.split("\n", -1)) {
        Matcher marker = Snippets.MARKER.matcher(line);
        if (marker.matches()) {
          used.add(marker.group(1) + "#" + marker.group(2));
        }
      }
    }
    problems.addAll(unusedRegions(root, used));

    assertThat(problems).as("snippet problems (file:line: what)").isEmpty();
    assertThat(blocks).as("java blocks in %s", docs).isGreaterThanOrEqualTo(10);
  }

  /**
   * Holds the table of docs/performance.md to the "Targets" table that {@code benchmarks/run} last wrote into
   * {@code benchmarks/RESULTS.md}; with {@code -Dsnippets.update=true}, copies it over.
   */
  @Test
  void thePerformanceTableIsTheLastBenchmarkRunsTargets() throws IOException {
    Path root = repositoryRoot();
    Path doc = root.resolve("docs/performance.md");
    List<String> results = Files.readAllLines(root.resolve("benchmarks/RESULTS.md"), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
    int[] source = targetsTable(results);
    int[] shown = targetsTable(lines);
    assertThat(source).as("the targets table of benchmarks/RESULTS.md").isNotNull();
    assertThat(shown).as("the targets table of docs/performance.md").isNotNull();
    List<String> expected = results.subList(source[0], source[1]);
    if (UPDATE) {
      lines.subList(shown[0], shown[1]).clear();
      lines.addAll(shown[0], expected);
      Files.writeString(doc, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return;
    }
    assertThat(lines.subList(shown[0], shown[1]))
        .as("docs/performance.md:%d: the table differs from benchmarks/RESULTS.md's targets; run DocSnippetsTest "
            + "with -Dsnippets.update=true to copy it", shown[0] + 1)
        .isEqualTo(expected);
  }

  /** Returns the first and past-the-last line of the table whose header is the targets', or null. */
  private static int[] targetsTable(List<String> lines) {
    int start = lines.indexOf("| target | measured | result |");
    if (start < 0) {
      return null;
    }
    int end = start;
    while (end < lines.size() && lines.get(end).startsWith("|")) {
      end++;
    }
    return new int[] {start, end};
  }

  /** A region no doc shows is a snippet someone forgot to remove, or a marker that names the wrong one. */
  private static List<String> unusedRegions(Path root, Set<String> used) throws IOException {
    List<String> unused = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("examples"))) {
      for (Path source : files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
        String path = relative(root, source);
        if (path.contains("/target/")) {
          continue;
        }
        String text = Files.readString(source, StandardCharsets.UTF_8);
        if (!text.contains("snippet:start")) {
          continue;
        }
        Snippets.Regions regions = Snippets.regions(path, text);
        regions.byName().values().stream()
            .filter(r -> !used.contains(path + "#" + r.name()))
            .forEach(r -> unused.add(path + ":" + r.line() + ": region '" + r.name() + "' is shown by no doc"));
      }
    }
    return unused;
  }

  private static List<Path> docs(Path root) throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static Optional<String> read(Path root, String path) {
    Path file = root.resolve(path);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** Returns the reactor root: the nearest directory up whose {@code pom.xml} builds this module. */
  static Path repositoryRoot() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>examples/consumer</module>")) {
        return dir;
      }
    }
    throw new AssertionError("no pom.xml above " + Path.of("").toAbsolutePath()
        + " lists <module>examples/consumer</module>; the docs are checked from the sora-status checkout");
  }
}
