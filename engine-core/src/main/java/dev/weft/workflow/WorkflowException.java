package dev.weft.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow that cannot be read or run, with every problem found. */
public final class WorkflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** An exception listing problems. */
  public WorkflowException(String workflowName, List<Problem> problems) {
    super(describe(workflowName, problems));
    this.problems = List.copyOf(problems);
  }

  /** An exception with one problem and a cause (malformed JSON, say). */
  public WorkflowException(String workflowName, Problem problem, Throwable cause) {
    super(describe(workflowName, List.of(problem)), cause);
    this.problems = List.of(problem);
  }

  /** Every problem found, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(String workflowName, List<Problem> problems) {
    String head = "workflow" + (workflowName == null ? "" : " '" + workflowName + "'") + " is invalid";
    if (problems.size() == 1) {
      return head + ": " + problems.get(0);
    }
    return head + " (" + problems.size() + " problems):\n"
        + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
  }
}
