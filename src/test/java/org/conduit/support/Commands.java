package org.conduit.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.conduit.admin.AdminCommand;
import picocli.CommandLine;

/** Runs the administration command line as {@code java -jar ... <args>} would, in the test JVM. */
public final class Commands {

  /** What a command ended with: its exit code and what it printed. */
  public record Run(int exitCode, String out, String err) {}

  private Commands() {}

  public static Run run(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(AdminCommand.class, factory)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
