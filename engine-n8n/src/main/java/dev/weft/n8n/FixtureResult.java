package dev.weft.n8n;

import java.util.List;

/**
 * How one n8n fixture fared.
 *
 * @param name the fixture's file name
 * @param outcome passed, failed or skipped
 * @param detail for a failure, the first difference or the error; for a skip, what is not supported; empty when
 *     passed
 * @param unsupported for a skip, each unsupported node type, parameter or piece of JavaScript, one per entry
 */
public record FixtureResult(String name, Outcome outcome, String detail, List<String> unsupported) {

  public FixtureResult {
    unsupported = List.copyOf(unsupported);
  }

  /** The verdict on a fixture. */
  public enum Outcome {
    /** Every pinned node produced exactly the pinned items and the execution succeeded. */
    PASSED,
    /** A pinned node's output differs, the execution failed, or the workflow could not be read. */
    FAILED,
    /** The workflow uses a node type, option or JavaScript that Weft does not support. */
    SKIPPED
  }

  static FixtureResult passed(String name) {
    return new FixtureResult(name, Outcome.PASSED, "", List.of());
  }

  static FixtureResult failed(String name, String detail) {
    return new FixtureResult(name, Outcome.FAILED, detail, List.of());
  }

  static FixtureResult skipped(String name, List<String> unsupported) {
    return new FixtureResult(name, Outcome.SKIPPED, String.join("; ", unsupported), unsupported);
  }

  /** One line: {@code PASS name}, {@code FAIL name: detail} or {@code SKIP name: what}. */
  public String line() {
    return switch (outcome) {
      case PASSED -> "PASS  " + name;
      case FAILED -> "FAIL  " + name + ": " + detail;
      case SKIPPED -> "SKIP  " + name + ": " + detail;
    };
  }
}
