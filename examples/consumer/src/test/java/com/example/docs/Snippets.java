package com.example.docs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads snippet markers in markdown and snippet regions in Java sources, and checks (or rewrites) every Java
 * block of a markdown file against the region its marker names.
 *
 * <p>In markdown, each {@code ```java} block starts at the beginning of a line and the line just before it is
 * {@code <!-- snippet: path/from/repo/root/Source.java#name -->}. In the source, the region is the lines
 * between {@code // snippet:start name} and {@code // snippet:end name}, with their common leading white
 * space removed. Regions do not nest, and a name is defined once per file.
 */
final class Snippets {
  static final Pattern MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)#([A-Za-z0-9._-]+) -->");
  private static final Pattern START = Pattern.compile("[ \\t]*// snippet:start ([A-Za-z0-9._-]+)");
  private static final Pattern END = Pattern.compile("[ \\t]*// snippet:end ([A-Za-z0-9._-]+)");
  private static final Pattern FENCE = Pattern.compile("( *)(`{3,}|~{3,})[ \\t]*([^ \\t`]*).*");

  private Snippets() {}

  /** A region of a source file: its name, the line of its start marker (1-based) and its lines, dedented. */
  record Region(String name, int line, List<String> lines) {}

  /** The regions of one source file, and what is wrong with its markers. */
  record Regions(Map<String, Region> byName, List<String> problems) {}

  /**
   * A Java block of a markdown file.
   *
   * @param markerLine the line of its marker (1-based), or 0 when it has none
   * @param path the source it names, empty without a marker
   * @param name the region it names, empty without a marker
   * @param firstLine index (0-based) of the block's first content line
   * @param endLine index (0-based) of its closing fence
   */
  record Block(int markerLine, String path, String name, int firstLine, int endLine) {}

  /** What checking one markdown file found, and its text with every block that could be rewritten rewritten. */
  record Result(List<String> problems, int blocks, String updated) {}

  /**
   * Returns the regions of a source file.
   *
   * @param file the name used in problems, such as its path from the repository root
   * @param source the file's text
   */
  static Regions regions(String file, String source) {
    Map<String, Region> byName = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    List<String> lines = lines(source);
    String open = null;
    int openLine = 0;
    List<String> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int n = i + 1;
      Matcher start = START.matcher(line);
      Matcher end = END.matcher(line);
      if (start.matches()) {
        String name = start.group(1);
        if (open != null) {
          problems.add(file + ":" + n + ": region '" + name + "' starts inside region '" + open
              + "' (line " + openLine + "); regions do not nest");
        } else if (byName.containsKey(name)) {
          problems.add(file + ":" + n + ": region '" + name + "' is defined twice (first at line "
              + byName.get(name).line() + ")");
        }
        if (open == null) {
          open = name;
          openLine = n;
          body = new ArrayList<>();
        }
      } else if (end.matches()) {
        String name = end.group(1);
        if (open == null) {
          problems.add(file + ":" + n + ": region '" + name + "' ends but was never started");
        } else if (!open.equals(name)) {
          problems.add(file + ":" + n + ": region '" + name + "' ends, but the open region is '" + open
              + "' (line " + openLine + ")");
        } else {
          if (body.stream().allMatch(String::isBlank)) {
            problems.add(file + ":" + openLine + ": region '" + name + "' is empty");
          }
          byName.putIfAbsent(name, new Region(name, openLine, dedent(body)));
          open = null;
        }
      } else if (line.contains("snippet:start") || line.contains("snippet:end")) {
        problems.add(file + ":" + n + ": malformed region marker (expected '// snippet:start <name>' or "
            + "'// snippet:end <name>' alone on its line): " + line.trim());
      } else if (open != null) {
        body.add(line);
      }
    }
    if (open != null) {
      problems.add(file + ":" + openLine + ": region '" + open + "' is never ended");
    }
    return new Regions(byName, problems);
  }

  /**
   * Checks every Java block of a markdown file against its region; with {@code update}, rewrites the blocks
   * that differ instead of reporting them.
   *
   * @param file the name used in problems, such as {@code README.md} or {@code docs/testkit.md}
   * @param markdown the file's text
   * @param sources returns a source file's text by its path from the repository root, empty if it does not
   *     exist
   * @param update whether to rewrite differing blocks rather than report them
   */
  static Result check(String file, String markdown, Function<String, Optional<String>> sources, boolean update) {
    Objects.requireNonNull(sources, "sources == null");
    List<String> problems = new ArrayList<>();
    List<String> lines = lines(markdown);
    List<Block> blocks = blocks(file, lines, problems);
    Map<String, Optional<Regions>> parsed = new LinkedHashMap<>();
    List<String> out = new ArrayList<>(lines);
    List<String> blockProblems = new ArrayList<>();
    // rewrite from the last block up, so that earlier blocks' line indexes stay valid
    for (int b = blocks.size() - 1; b >= 0; b--) {
      Block block = blocks.get(b);
      if (block.markerLine() == 0) {
        continue;
      }
      String where = file + ":" + block.markerLine() + ": ";
      if (!isPlainRelative(block.path())) {
        blockProblems.add(where + "the marker names '" + block.path() + "'; give a path from the repository root");
        continue;
      }
      Optional<Regions> regions = parsed.computeIfAbsent(block.path(),
          path -> sources.apply(path).map(text -> regions(path, text)));
      if (regions.isEmpty()) {
        blockProblems.add(where + "the marker names " + block.path() + ", which does not exist");
        continue;
      }
      Region region = regions.get().byName().get(block.name());
      if (region == null) {
        blockProblems.add(where + "the marker names region '" + block.name() + "', which " + block.path()
            + " does not define");
        continue;
      }
      List<String> shown = lines.subList(block.firstLine(), block.endLine());
      if (shown.equals(region.lines())) {
        continue;
      }
      if (update) {
        out.subList(block.firstLine(), block.endLine()).clear();
        out.addAll(block.firstLine(), region.lines());
      } else {
        blockProblems.add(where + "the block differs from " + block.path() + "#" + block.name() + " (line "
            + region.line() + "): " + firstDifference(shown, region.lines(), block.firstLine() + 1)
            + "; fix the source, then run DocSnippetsTest with -Dsnippets.update=true and review the diff");
      }
    }
    Collections.reverse(blockProblems);
    problems.addAll(blockProblems);
    parsed.values().forEach(r -> r.ifPresent(regions -> problems.addAll(regions.problems())));
    return new Result(List.copyOf(problems), blocks.size(), String.join("\n", out));
  }

  /** Finds the Java blocks and their markers; reports blocks without a marker and markers without a block. */
  private static List<Block> blocks(String file, List<String> lines, List<String> problems) {
    List<Block> blocks = new ArrayList<>();
    int pendingMarker = 0;
    Matcher pending = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher fence = FENCE.matcher(line);
      if (fence.matches()) {
        boolean java = fence.group(3).equalsIgnoreCase("java");
        int end = closingFence(lines, i, fence.group(2));
        if (end < 0) {
          problems.add(file + ":" + (i + 1) + ": a code block is never closed");
          return blocks;
        }
        if (java) {
          if (!fence.group(1).isEmpty()) {
            problems.add(file + ":" + (i + 1) + ": a java block must start at the beginning of its line");
          }
          if (pending != null && pendingMarker == i) {
            blocks.add(new Block(pendingMarker, pending.group(1), pending.group(2), i + 1, end));
          } else {
            problems.add(file + ":" + (i + 1) + ": a java block has no snippet marker on the line before it "
                + "(<!-- snippet: path/from/repo/root/Source.java#name -->)");
            blocks.add(new Block(0, "", "", i + 1, end));
          }
        } else if (pending != null && pendingMarker == i) {
          problems.add(file + ":" + pendingMarker + ": a snippet marker is followed by a block that is not java");
        }
        pending = null;
        i = end;
        continue;
      }
      if (pending != null) {
        problems.add(file + ":" + pendingMarker + ": a snippet marker is not followed by a java block");
        pending = null;
      }
      Matcher marker = MARKER.matcher(line);
      if (marker.matches()) {
        pending = marker;
        pendingMarker = i + 1;
      } else if (line.contains("<!-- snippet")) {
        problems.add(file + ":" + (i + 1) + ": malformed snippet marker (expected "
            + "'<!-- snippet: path/from/repo/root/Source.java#name -->' alone on its line): " + line.trim());
      }
    }
    if (pending != null) {
      problems.add(file + ":" + pendingMarker + ": a snippet marker is not followed by a java block");
    }
    return blocks;
  }

  /** Returns the index of the fence that closes the one opened at {@code open}, or -1. */
  private static int closingFence(List<String> lines, int open, String opening) {
    for (int j = open + 1; j < lines.size(); j++) {
      String t = lines.get(j).strip();
      if (t.length() >= opening.length() && t.chars().allMatch(c -> c == opening.charAt(0))
          && lines.get(j).indexOf(opening.charAt(0)) <= 3) {
        return j;
      }
    }
    return -1;
  }

  private static boolean isPlainRelative(String path) {
    return !path.startsWith("/") && !path.contains("\\") && !path.isEmpty()
        && List.of(path.split("/", -1)).stream().noneMatch(p -> p.isEmpty() || p.equals(".") || p.equals(".."));
  }

  private static String firstDifference(List<String> shown, List<String> region, int firstLineNumber) {
    for (int k = 0; k < Math.max(shown.size(), region.size()); k++) {
      String s = k < shown.size() ? shown.get(k) : null;
      String r = k < region.size() ? region.get(k) : null;
      if (!Objects.equals(s, r)) {
        return "at line " + (firstLineNumber + k) + " the block has "
            + (s == null ? "no more lines" : "'" + s + "'") + " where the region has "
            + (r == null ? "no more lines" : "'" + r + "'");
      }
    }
    return "they are equal";
  }

  /** Removes the leading white space all non-blank lines share; blank lines become empty. */
  static List<String> dedent(List<String> lines) {
    String common = null;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      String indent = line.substring(0, line.length() - line.stripLeading().length());
      if (common == null) {
        common = indent;
      } else {
        int k = 0;
        while (k < common.length() && k < indent.length() && common.charAt(k) == indent.charAt(k)) {
          k++;
        }
        common = common.substring(0, k);
      }
    }
    int cut = common == null ? 0 : common.length();
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(cut));
    }
    return List.copyOf(out);
  }

  private static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
