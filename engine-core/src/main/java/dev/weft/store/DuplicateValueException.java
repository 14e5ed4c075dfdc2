package dev.weft.store;

/**
 * A create or update gave a value that must be unique and is already taken by another record: a user's e-mail
 * address, a webhook's method and path.
 */
public class DuplicateValueException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String field;
  private final String value;
  private final String holderId;

  /**
   * A taken value.
   *
   * @param kind the kind of record, for example {@code user}
   * @param field the unique field, for example {@code email}
   * @param value the value that is taken
   * @param holderId the id of the record that holds it, or {@code null} when the backend cannot tell
   */
  public DuplicateValueException(String kind, String field, String value, String holderId) {
    super(kind + " " + field + " '" + value + "' is already taken"
        + (holderId == null ? "" : " by " + kind + " '" + holderId + "'"));
    this.kind = kind;
    this.field = field;
    this.value = value;
    this.holderId = holderId;
  }

  /** The kind of record, for example {@code user}. */
  public String kind() {
    return kind;
  }

  /** The unique field, for example {@code email}. */
  public String field() {
    return field;
  }

  /** The value that is taken. */
  public String value() {
    return value;
  }

  /** The id of the record holding the value, or {@code null} when the backend cannot tell. */
  public String holderId() {
    return holderId;
  }
}
