package com.example.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The snippet checker on text in memory: what it accepts, and that each way a block can drift fails. */
class SnippetsTest {
  private static final String SOURCE = String.join("\n",
      "class Example {",
      "  void read() {",
      "    // snippet:start read",
      "    Video video = port.retrieve(id);",
      "",
      "    if (video.isTerminal()) {",
      "      done(video);",
      "    }",
      "    // snippet:end read",
      "  }",
      "}",
      "");

  private static final Function<String, Optional<String>> SOURCES =
      path -> Optional.ofNullable(Map.of("src/Example.java", SOURCE).get(path));

  private static String doc(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static final String GOOD = doc(
      "# Reading",
      "",
      "<!-- snippet: src/Example.java#read -->",
      "```java",
      "Video video = port.retrieve(id);",
      "",
      "if (video.isTerminal()) {",
      "  done(video);",
      "}",
      "```",
      "",
      "```bash",
      "./sora-status demo",
      "```");

  @Test
  void aRegionIsItsLinesWithTheCommonIndentRemoved() {
    Snippets.Regions regions = Snippets.regions("src/Example.java", SOURCE);

    assertThat(regions.problems()).isEmpty();
    assertThat(regions.byName().get("read").lines())
        .containsExactly("Video video = port.retrieve(id);", "", "if (video.isTerminal()) {", "  done(video);", "}");
    assertThat(regions.byName().get("read").line()).isEqualTo(3);
  }

  @Test
  void aBlockEqualToItsRegionPasses() {
    Snippets.Result result = Snippets.check("README.md", GOOD, SOURCES, false);

    assertThat(result.problems()).isEmpty();
    assertThat(result.blocks()).isEqualTo(1);
    assertThat(result.updated()).isEqualTo(GOOD);
  }

  @Test
  void aBlockThatDiffersFromItsRegionFailsNamingFileLineAndTheDifference() {
    String drifted = GOOD.replace("  done(video);", "  publish(video);");

    Snippets.Result result = Snippets.check("README.md", drifted, SOURCES, false);

    assertThat(result.problems()).singleElement().asString()
        .startsWith("README.md:3: the block differs from src/Example.java#read (line 3): at line 8 the block has "
            + "'  publish(video);' where the region has '  done(video);'")
        .contains("-Dsnippets.update=true");
  }

  @Test
  void aBlockWithALineMoreOrLessThanItsRegionFails() {
    assertThat(Snippets.check("README.md", GOOD.replace("}\n```", "}\nextra();\n```"), SOURCES, false).problems())
        .singleElement().asString().contains("at line 10 the block has 'extra();' where the region has no more lines");
    assertThat(Snippets.check("README.md", GOOD.replace("  done(video);\n", ""), SOURCES, false).problems())
        .singleElement().asString().contains("the block differs");
  }

  @Test
  void aJavaBlockWithoutAMarkerFails() {
    String unmarked = GOOD.replace("<!-- snippet: src/Example.java#read -->\n", "");

    assertThat(Snippets.check("docs/guide.md", unmarked, SOURCES, false).problems())
        .containsExactly("docs/guide.md:3: a java block has no snippet marker on the line before it "
            + "(<!-- snippet: path/from/repo/root/Source.java#name -->)");
  }

  @Test
  void aMarkerSeparatedFromItsBlockFailsTwice() {
    String separated = GOOD.replace("#read -->\n", "#read -->\n\n");

    assertThat(Snippets.check("README.md", separated, SOURCES, false).problems()).containsExactly(
        "README.md:3: a snippet marker is not followed by a java block",
        "README.md:5: a java block has no snippet marker on the line before it "
            + "(<!-- snippet: path/from/repo/root/Source.java#name -->)");
  }

  @Test
  void aJavaBlockIsFoundWhateverTheCaseOfItsLanguageOrTheFence() {
    for (String fence : new String[] {"```Java", "````java", "~~~java", "```java title"}) {
      String closing = fence.startsWith("~") ? "~~~" : fence.substring(0, fence.lastIndexOf('`') + 1);
      String block = doc("text", fence, "code();", closing);
      assertThat(Snippets.check("README.md", block, SOURCES, false).problems()).as(fence)
          .singleElement().asString().contains("a java block has no snippet marker");
    }
  }

  @Test
  void anIndentedJavaBlockFails() {
    String indented = doc("- a list item", "", "<!-- snippet: src/Example.java#read -->", "  ```java", "  x();", "  ```");

    assertThat(Snippets.check("README.md", indented, SOURCES, false).problems())
        .contains("README.md:4: a java block must start at the beginning of its line");
  }

  @Test
  void aMarkerNamingAMissingFileOrRegionFails() {
    assertThat(Snippets.check("README.md", GOOD.replace("src/Example.java", "src/Gone.java"), SOURCES, false)
        .problems()).containsExactly("README.md:3: the marker names src/Gone.java, which does not exist");
    assertThat(Snippets.check("README.md", GOOD.replace("#read", "#wait"), SOURCES, false).problems())
        .containsExactly("README.md:3: the marker names region 'wait', which src/Example.java does not define");
    assertThat(Snippets.check("README.md", GOOD.replace("src/Example.java", "../src/Example.java"), SOURCES, false)
        .problems()).singleElement().asString().contains("give a path from the repository root");
  }

  @Test
  void aMalformedMarkerFails() {
    String malformed = GOOD.replace("<!-- snippet: src/Example.java#read -->", "<!-- snippet: src/Example.java -->");

    assertThat(Snippets.check("README.md", malformed, SOURCES, false).problems())
        .anySatisfy(p -> assertThat(p).startsWith("README.md:3: malformed snippet marker"))
        .anySatisfy(p -> assertThat(p).startsWith("README.md:4: a java block has no snippet marker"));
  }

  @Test
  void aMarkerBeforeABlockInAnotherLanguageFails() {
    String bash = doc("<!-- snippet: src/Example.java#read -->", "```bash", "ls", "```");

    assertThat(Snippets.check("README.md", bash, SOURCES, false).problems())
        .containsExactly("README.md:1: a snippet marker is followed by a block that is not java");
  }

  @Test
  void anUnclosedBlockFails() {
    assertThat(Snippets.check("README.md", doc("```java", "x();"), SOURCES, false).problems())
        .containsExactly("README.md:1: a code block is never closed");
  }

  @Test
  void javaInsideAnotherBlockIsNotABlock() {
    String nested = doc("````markdown", "```java", "x();", "```", "````");

    assertThat(Snippets.check("README.md", nested, SOURCES, false).problems()).isEmpty();
  }

  @Test
  void aRegionDefinedTwiceFails() {
    String twice = SOURCE + "// snippet:start read\nother();\n// snippet:end read\n";

    assertThat(Snippets.regions("src/Example.java", twice).problems())
        .containsExactly("src/Example.java:12: region 'read' is defined twice (first at line 3)");
    assertThat(Snippets.check("README.md", GOOD, path -> Optional.of(twice), false).problems())
        .containsExactly("src/Example.java:12: region 'read' is defined twice (first at line 3)");
  }

  @Test
  void brokenRegionMarkersFail() {
    assertThat(Snippets.regions("A.java", "// snippet:start a\nx();\n").problems())
        .containsExactly("A.java:1: region 'a' is never ended");
    assertThat(Snippets.regions("A.java", "x();\n// snippet:end a\n").problems())
        .containsExactly("A.java:2: region 'a' ends but was never started");
    assertThat(Snippets.regions("A.java", "// snippet:start a\n// snippet:start b\nx();\n// snippet:end b\n"
        + "// snippet:end a\n").problems())
        .contains("A.java:2: region 'b' starts inside region 'a' (line 1); regions do not nest");
    assertThat(Snippets.regions("A.java", "// snippet:start a\n\n// snippet:end a\n").problems())
        .containsExactly("A.java:1: region 'a' is empty");
    assertThat(Snippets.regions("A.java", "x(); // snippet:start a\n").problems())
        .singleElement().asString().startsWith("A.java:1: malformed region marker");
  }

  @Test
  void updateRewritesADriftedBlockFromItsRegionAndLeavesTheRestAlone() {
    String drifted = GOOD.replace("  done(video);\n", "  old(video);\n  older(video);\n");
    String twoBlocks = drifted + doc("", "<!-- snippet: src/Example.java#read -->", "```java", "stale();", "```");

    Snippets.Result result = Snippets.check("README.md", twoBlocks, SOURCES, true);

    assertThat(result.problems()).isEmpty();
    assertThat(result.updated()).isEqualTo(GOOD + doc("", "<!-- snippet: src/Example.java#read -->", "```java",
        "Video video = port.retrieve(id);", "", "if (video.isTerminal()) {", "  done(video);", "}", "```"));
    assertThat(Snippets.check("README.md", result.updated(), SOURCES, false).problems()).isEmpty();
  }

  @Test
  void updateStillFailsWhatItCannotRewrite() {
    String unmarked = GOOD.replace("<!-- snippet: src/Example.java#read -->\n", "");

    assertThat(Snippets.check("README.md", unmarked, SOURCES, true).problems()).hasSize(1);
  }
}
