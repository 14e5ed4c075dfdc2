package dev.weft.n8n;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.weft.n8n.importer.ImportIssue;
import dev.weft.n8n.importer.ImportResult;
import dev.weft.n8n.importer.N8nImportException;
import dev.weft.n8n.importer.N8nImporter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code weft n8n} commands, for the {@code weft} command line to call:
 *
 * <ul>
 *   <li>{@code weft n8n import FILE}: prints the Weft workflow JSON; or prints every problem (node, parameter,
 *       JavaScript and why) to the error stream and exits with 2.</li>
 *   <li>{@code weft n8n check DIR}: runs every n8n fixture in the folder and prints one line per fixture (passed;
 *       failed with the first difference; skipped with what is unsupported), then {@code N passed, M failed,
 *       K skipped}. Exits with 0 when nothing failed, 1 otherwise.</li>
 * </ul>
 */
public final class N8nCli {
  /** Exit code: success. */
  public static final int OK = 0;
  /** Exit code: {@code check} found failed fixtures. */
  public static final int FAILURES = 1;
  /** Exit code: the input cannot be imported or read, or the command line is wrong. */
  public static final int PROBLEMS = 2;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private N8nCli() {}

  /** {@code weft n8n import FILE}. */
  public static int importFile(Path file, PrintStream out, PrintStream err) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return PROBLEMS;
    }
    ImportResult result;
    try {
      result = N8nImporter.create().importJson(text);
    } catch (N8nImportException e) {
      err.println(file + ": " + e.getMessage());
      return PROBLEMS;
    }
    if (!result.complete()) {
      err.println(file + ": the n8n workflow '" + result.name() + "' cannot be imported (" + result.issues().size()
          + " problem" + (result.issues().size() == 1 ? "" : "s") + "):");
      for (ImportIssue issue : result.issues()) {
        err.println("  - " + issue);
      }
      return PROBLEMS;
    }
    try {
      out.println(JSON.writeValueAsString(result.document()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an imported workflow is always writable as JSON", e);
    }
    return OK;
  }

  /** {@code weft n8n check DIR}. */
  public static int check(Path dir, PrintStream out, PrintStream err) {
    if (!Files.isDirectory(dir)) {
      err.println(dir + " is not a folder of n8n fixtures");
      return PROBLEMS;
    }
    ConformanceReport report;
    try {
      report = ConformanceRunner.create().check(dir);
    } catch (IOException e) {
      err.println("cannot list " + dir + ": " + e.getMessage());
      return PROBLEMS;
    }
    out.print(report.toText());
    return report.failed() == 0 ? OK : FAILURES;
  }

  /** Entry point: {@code import FILE} or {@code check DIR}. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line without exiting. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 2 && args[0].equals("import")) {
      return importFile(Path.of(args[1]), out, err);
    }
    if (args.length == 2 && args[0].equals("check")) {
      return check(Path.of(args[1]), out, err);
    }
    err.println("usage: weft n8n import FILE | weft n8n check DIR");
    return PROBLEMS;
  }
}
