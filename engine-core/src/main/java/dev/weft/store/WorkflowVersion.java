package dev.weft.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a workflow's history: what the workflow was after the create or update that produced
 * {@code version}.
 *
 * @param workflowId the workflow's id
 * @param version the workflow version this entry records
 * @param name the workflow's name at that version
 * @param definition the workflow JSON at that version
 * @param active whether it was active at that version
 * @param savedAt when that version was stored
 */
public record WorkflowVersion(
    String workflowId, long version, String name, Map<String, Object> definition, boolean active, Instant savedAt) {

  public WorkflowVersion {
    Objects.requireNonNull(workflowId, "workflowId");
    definition = definition == null ? Map.of() : definition;
  }
}
