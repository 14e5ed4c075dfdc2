package dev.weft.spi;

import java.util.Map;
import java.util.Objects;

/**
 * Which workflow a node runs as a sub-workflow: a stored one by id, or one given as workflow JSON.
 *
 * @param workflowId id of a stored workflow, or {@code null}
 * @param definition the workflow as JSON values (Weft's workflow format), or {@code null}
 */
public record WorkflowSource(String workflowId, Map<String, Object> definition) {
  public WorkflowSource {
    if ((workflowId == null) == (definition == null)) {
      throw new IllegalArgumentException("give either a workflow id or a workflow definition");
    }
  }

  /** A stored workflow. */
  public static WorkflowSource byId(String id) {
    return new WorkflowSource(Objects.requireNonNull(id, "id"), null);
  }

  /** A workflow given inline. */
  public static WorkflowSource inline(Map<String, Object> definition) {
    return new WorkflowSource(null, Objects.requireNonNull(definition, "definition"));
  }
}
