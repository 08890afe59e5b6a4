package org.conduit.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the service logs while it is installed: a handler on the root logger of the test JVM,
 * where {@code @QuarkusTest} runs the application, recording each message with its parameters and
 * the stack trace of its exception.
 */
public final class CapturedLog extends Handler {

  private final StringBuffer text = new StringBuffer();

  private CapturedLog() {
    setLevel(Level.ALL);
  }

  public static CapturedLog start() {
    CapturedLog log = new CapturedLog();
    Logger.getLogger("").addHandler(log);
    return log;
  }

  public void stop() {
    Logger.getLogger("").removeHandler(this);
  }

  public String text() {
    return text.toString();
  }

  @Override
  public void publish(LogRecord record) {
    text.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(' ');
    text.append(record.getMessage());
    if (record.getParameters() != null) {
      for (Object parameter : record.getParameters()) {
        text.append(" | ").append(parameter);
      }
    }
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      text.append('\n').append(trace);
    }
    text.append('\n');
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
