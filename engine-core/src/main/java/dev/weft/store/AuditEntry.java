package dev.weft.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the {@link AuditLog}: who did what to which record, and when.
 *
 * @param id the log's number for the entry, assigned by {@link AuditLog#append}; 0 on an entry not yet appended
 * @param at when it happened, set by the log's clock on append
 * @param actor the user id that acted, or {@value #SYSTEM} for the engine itself, or {@value #ANONYMOUS} for a request
 *     nobody was signed in for (a failed sign-in); not blank
 * @param action what was done, a dotted name such as {@code workflow.update}, {@code credential.create},
 *     {@code workflow.activate}, {@code execution.cancel} or {@code user.login}; not blank
 * @param targetType the kind of record acted on, for example {@code workflow}, or {@code null}
 * @param targetId the id of the record acted on, or {@code null}
 * @param details more about it as JSON values (names, versions, counts), never secrets; empty when there is nothing
 */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
    Map<String, Object> details) {

  /** The actor of what the engine does by itself. */
  public static final String SYSTEM = "system";
  /** The actor of a request made without a signed-in user. */
  public static final String ANONYMOUS = "anonymous";

  public AuditEntry {
    Objects.requireNonNull(actor, "actor of audit entry " + action);
    Objects.requireNonNull(action, "action of audit entry by " + actor);
    if (actor.isBlank() || action.isBlank()) {
      throw new IllegalArgumentException("an audit entry needs an actor and an action, got '" + actor + "' and '"
          + action + "'");
    }
    details = details == null ? new LinkedHashMap<>() : details;
  }

  /** An entry to append: the log sets its id and time. */
  public static AuditEntry of(String actor, String action, String targetType, String targetId,
      Map<String, Object> details) {
    return new AuditEntry(0, null, actor, action, targetType, targetId, details);
  }
}
