package dev.weft.workflow;

/** The order in which ready nodes run. */
public enum ExecutionOrder {
  /** Depth-first: a finished node's children run next, top branch first (n8n's current order). */
  V1("v1"),
  /** Breadth-first, with parents of a waiting multi-input node forced to run (n8n's legacy order). */
  V0("v0"),
  /** Independent branches run at the same time; ready nodes start in {@code V1} order. */
  PARALLEL("parallel");

  private final String json;

  ExecutionOrder(String json) {
    this.json = json;
  }

  /** The name used in workflow JSON. */
  public String json() {
    return json;
  }

  static ExecutionOrder fromJson(String value) {
    for (ExecutionOrder e : values()) {
      if (e.json.equals(value)) {
        return e;
      }
    }
    return null;
  }
}
