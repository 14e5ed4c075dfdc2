package dev.weft.server;

import dev.weft.ExecutionResult;
import dev.weft.credential.CredentialView;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Item;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.WorkflowRecord;
import dev.weft.workflow.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of the API. */
final class Views {
  private Views() {}

  static Map<String, Object> workflow(WorkflowRecord r, boolean withDefinition) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("active", r.active());
    m.put("version", r.version());
    m.put("createdAt", str(r.createdAt()));
    m.put("updatedAt", str(r.updatedAt()));
    if (withDefinition) {
      m.put("definition", r.definition());
    }
    return m;
  }

  static List<Map<String, Object>> problems(List<Problem> problems) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("node", p.node());
      m.put("parameter", p.parameter());
      m.put("message", p.message());
      list.add(m);
    }
    return list;
  }

  static String status(ExecutionRecord.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** The summary row of an execution, as the list shows it. */
  static Map<String, Object> executionSummary(String id, String workflowId, String workflowName, String status,
      String mode, Instant startedAt, Instant finishedAt, Instant waitUntil, String errorMessage, String errorNode) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("workflowId", workflowId);
    m.put("workflowName", workflowName);
    m.put("status", status);
    m.put("mode", mode);
    m.put("startedAt", str(startedAt));
    m.put("finishedAt", str(finishedAt));
    m.put("durationMs", startedAt != null && finishedAt != null ? Duration.between(startedAt, finishedAt).toMillis()
        : null);
    m.put("waitUntil", str(waitUntil));
    if (errorMessage != null || errorNode != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("message", errorMessage);
      e.put("node", errorNode);
      m.put("error", e);
    } else {
      m.put("error", null);
    }
    return m;
  }

  static Map<String, Object> execution(ExecutionRecord r, boolean withData) {
    Map<String, Object> m = executionSummary(r.id(), r.workflowId(), r.workflowName(), status(r.status()), r.mode(),
        r.startedAt(), r.finishedAt(), r.waitUntil(), r.errorMessage(), r.errorNode());
    m.put("parentExecutionId", r.parentExecutionId());
    m.put("customData", r.customData());
    if (withData) {
      Map<String, Object> data = new LinkedHashMap<>(r.data());
      data.remove("state"); // the engine's resume state: internal
      m.put("data", data);
    }
    return m;
  }

  /** The answer of a run the client waited for. */
  static Map<String, Object> result(ExecutionResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("executionId", r.executionId());
    m.put("workflowId", r.workflowId());
    m.put("status", r.status().name().toLowerCase(Locale.ROOT));
    if (r.error() != null) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("message", r.error().message());
      e.put("node", r.error().nodeName());
      e.put("parameter", r.error().parameter());
      e.put("itemIndex", r.error().itemIndex() < 0 ? null : r.error().itemIndex());
      e.put("description", r.error().description());
      m.put("error", e);
    } else {
      m.put("error", null);
    }
    m.put("startedAt", str(r.startedAt()));
    m.put("finishedAt", str(r.finishedAt()));
    m.put("lastNode", r.lastNode());
    m.put("output", items(r.output()));
    return m;
  }

  static List<Object> items(List<Item> items) {
    List<Object> out = new ArrayList<>();
    for (Item item : items) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("json", item.json());
      if (!item.binary().isEmpty()) {
        Map<String, Object> binary = new LinkedHashMap<>();
        item.binary().forEach((k, v) -> binary.put(k, Api.JSON.convertValue(v, Object.class)));
        m.put("binary", binary);
      }
      out.add(m);
    }
    return out;
  }

  static Map<String, Object> credential(CredentialView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    m.put("name", v.name());
    m.put("type", v.type());
    m.put("values", v.values());
    m.put("secrets", v.secrets());
    m.put("createdAt", str(v.createdAt()));
    m.put("updatedAt", str(v.updatedAt()));
    m.put("error", v.error());
    return m;
  }

  static Map<String, Object> credentialType(CredentialType t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("displayName", t.displayName());
    m.put("description", t.description());
    m.put("fields", t.fields());
    m.put("testable", t.tester() != null);
    m.put("oauth2", OAuth2Api.isOAuth2(t));
    return m;
  }

  static String str(Instant i) {
    return i == null ? null : i.toString();
  }
}
