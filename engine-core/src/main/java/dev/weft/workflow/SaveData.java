package dev.weft.workflow;

/** Which executions keep their per-node run data. */
public enum SaveData {
  /** Every execution. */
  ALL("all"),
  /** Only failed executions. */
  ERRORS("errors"),
  /** None: only status, timing and item counts are kept. */
  NONE("none");

  private final String json;

  SaveData(String json) {
    this.json = json;
  }

  /** The name used in workflow JSON. */
  public String json() {
    return json;
  }

  static SaveData fromJson(String value) {
    for (SaveData e : values()) {
      if (e.json.equals(value)) {
        return e;
      }
    }
    return null;
  }
}
