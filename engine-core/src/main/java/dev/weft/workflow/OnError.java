package dev.weft.workflow;

/** What happens when a node fails after its last try. */
public enum OnError {
  /** The execution fails. */
  STOP("stop"),
  /** Failed items become items with an {@code error} field on output 0; a whole failed node passes its input on. */
  CONTINUE("continue"),
  /** Failed items go to an extra last output named {@code error}. */
  ERROR_OUTPUT("errorOutput");

  private final String json;

  OnError(String json) {
    this.json = json;
  }

  /** The name used in workflow JSON. */
  public String json() {
    return json;
  }

  static OnError fromJson(String value) {
    for (OnError e : values()) {
      if (e.json.equals(value)) {
        return e;
      }
    }
    return null;
  }
}
