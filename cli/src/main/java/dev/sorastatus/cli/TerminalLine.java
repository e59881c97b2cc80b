package dev.sorastatus.cli;

import java.io.PrintWriter;

/**
 * One status line: on a terminal redrawn in place with the cursor hidden while it is shown; elsewhere (CI logs,
 * pipes) printed as plain lines with no control characters at all. {@link #end()} restores the terminal, and is
 * safe to call more than once and from a shutdown hook.
 */
final class TerminalLine {
  private static final String HIDE_CURSOR = "\u001b[?25l";
  private static final String SHOW_CURSOR = "\u001b[?25h";
  private static final String CLEAR_LINE = "\r\u001b[2K";

  private final PrintWriter out;
  private final boolean terminal;
  private boolean drawn;
  private boolean cursorHidden;

  TerminalLine(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  boolean isTerminal() {
    return terminal;
  }

  /** Redraws the line on a terminal; elsewhere prints {@code plain} as a line of its own. */
  synchronized void show(String live, String plain) {
    if (terminal) {
      if (!cursorHidden) {
        out.print(HIDE_CURSOR);
        cursorHidden = true;
      }
      out.print(CLEAR_LINE + live);
      drawn = true;
    } else {
      out.println(plain);
    }
    out.flush();
  }

  /** Ends the redrawn line and shows the cursor again. */
  synchronized void end() {
    if (drawn) {
      out.println();
      drawn = false;
    }
    if (cursorHidden) {
      out.print(SHOW_CURSOR);
      cursorHidden = false;
    }
    out.flush();
  }

  /** Returns a bar of {@code width} cells, {@code percent} of them filled. */
  static String bar(int percent, int width) {
    int filled = Math.max(0, Math.min(width, percent * width / 100));
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }
}
