package dev.weft.n8n.importer;

import dev.weft.workflow.Workflow;
import java.util.List;
import java.util.Map;

/**
 * The outcome of importing an n8n workflow: the Weft workflow document and the problems found. A result with problems
 * has no usable document: {@link #workflow()} and {@link #toWorkflow()} throw, listing them.
 *
 * @param name the workflow's name
 * @param document the Weft workflow JSON (maps and lists), complete only when {@code issues} is empty
 * @param issues every problem found, in node order
 */
public record ImportResult(String name, Map<String, Object> document, List<ImportIssue> issues) {

  public ImportResult {
    issues = List.copyOf(issues);
  }

  /** Whether everything was carried over. */
  public boolean complete() {
    return issues.isEmpty();
  }

  /**
   * The Weft workflow document in the format of {@code docs/workflow-format.md}.
   *
   * @throws N8nImportException listing the problems when the import is not complete
   */
  public Map<String, Object> workflow() throws N8nImportException {
    if (!issues.isEmpty()) {
      throw new N8nImportException(name, issues);
    }
    return document;
  }

  /**
   * The Weft workflow, read with {@link Workflow#fromMap(Map)}.
   *
   * @throws N8nImportException listing the problems when the import is not complete
   * @throws dev.weft.workflow.WorkflowException when Weft rejects the document (an importer defect)
   */
  public Workflow toWorkflow() throws N8nImportException {
    return Workflow.fromMap(workflow());
  }
}
