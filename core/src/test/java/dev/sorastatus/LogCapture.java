package dev.sorastatus;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every record logged under {@code dev.sorastatus} at every level, through
 * {@code java.util.logging}, which backs {@link System.Logger} by default.
 */
final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger = Logger.getLogger("dev.sorastatus"); // held: JUL keeps loggers weakly
  private final Level previous = logger.getLevel();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<LogRecord> records = new ArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    records.add(record);
  }

  /** Returns each record as a user would see it: level, message with its parameters, and stack trace. */
  synchronized List<String> lines() {
    List<String> out = new ArrayList<>();
    for (LogRecord r : records) {
      StringBuilder sb = new StringBuilder(r.getLevel() + " " + r.getLoggerName() + " " + formatter.formatMessage(r));
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        sb.append('\n').append(trace);
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previous);
  }
}
