package dev.weft.n8n.importer;

import java.util.List;
import java.util.stream.Collectors;

/** An n8n workflow that cannot be imported, with every problem found. */
public final class N8nImportException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ImportIssue> issues;

  /** An exception listing the problems found. */
  public N8nImportException(String workflowName, List<ImportIssue> issues) {
    super(describe(workflowName, issues));
    this.issues = List.copyOf(issues);
  }

  /** Every problem, in the order found. */
  public List<ImportIssue> issues() {
    return issues;
  }

  private static String describe(String name, List<ImportIssue> issues) {
    String head = "n8n workflow" + (name == null ? "" : " '" + name + "'") + " cannot be imported";
    if (issues.size() == 1) {
      return head + ": " + issues.get(0);
    }
    return head + " (" + issues.size() + " problems):\n"
        + issues.stream().map(i -> "  - " + i).collect(Collectors.joining("\n"));
  }
}
