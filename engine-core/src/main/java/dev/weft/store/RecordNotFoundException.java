package dev.weft.store;

/** An operation that needs an existing record (an update, for example) found none with the given id. */
public class RecordNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * A missing record.
   *
   * @param kind the kind of record, for example {@code execution}
   * @param id the id that was looked for
   */
  public RecordNotFoundException(String kind, String id) {
    super(kind + " '" + id + "' does not exist");
    this.kind = kind;
    this.id = id;
  }

  /** The kind of record, for example {@code execution}. */
  public String kind() {
    return kind;
  }

  /** The id that was looked for. */
  public String id() {
    return id;
  }
}
