package dev.weft.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored workflow.
 *
 * @param id the store's id; {@code null} on a record not yet created (the store then assigns one)
 * @param name the workflow's name, not blank
 * @param definition the workflow JSON (see {@code docs/workflow-format.md}) as plain JSON values
 * @param active whether its triggers should run
 * @param version incremented by the store on every successful update; 1 after create, 0 on a record not yet created
 * @param ownerId the owning user or tenant, or {@code null}
 * @param createdAt set by the store on create
 * @param updatedAt set by the store on create and on every update
 */
public record WorkflowRecord(
    String id,
    String name,
    Map<String, Object> definition,
    boolean active,
    long version,
    String ownerId,
    Instant createdAt,
    Instant updatedAt) {

  public WorkflowRecord {
    Objects.requireNonNull(name, "workflow name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("workflow name must not be blank (workflow id " + id + ")");
    }
    definition = definition == null ? Map.of() : definition;
    if (version < 0) {
      throw new IllegalArgumentException("workflow '" + id + "' has a negative version " + version);
    }
  }

  /** A workflow not yet created: no id, inactive, version 0, no owner. */
  public static WorkflowRecord of(String name, Map<String, Object> definition) {
    return new WorkflowRecord(null, name, definition, false, 0, null, null, null);
  }

  /** A copy with another id. */
  public WorkflowRecord withId(String value) {
    return new WorkflowRecord(value, name, definition, active, version, ownerId, createdAt, updatedAt);
  }

  /** A copy with another name. */
  public WorkflowRecord withName(String value) {
    return new WorkflowRecord(id, value, definition, active, version, ownerId, createdAt, updatedAt);
  }

  /** A copy with another definition. */
  public WorkflowRecord withDefinition(Map<String, Object> value) {
    return new WorkflowRecord(id, name, value, active, version, ownerId, createdAt, updatedAt);
  }

  /** A copy, active or not. */
  public WorkflowRecord withActive(boolean value) {
    return new WorkflowRecord(id, name, definition, value, version, ownerId, createdAt, updatedAt);
  }

  /** A copy with another owner. */
  public WorkflowRecord withOwnerId(String value) {
    return new WorkflowRecord(id, name, definition, active, version, value, createdAt, updatedAt);
  }
}
