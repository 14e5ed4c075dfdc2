package dev.weft.store;

/** A create (or enqueue) gave an id that is already taken. */
public class DuplicateIdException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * A taken id.
   *
   * @param kind the kind of record, for example {@code credential}
   * @param id the id that is taken
   */
  public DuplicateIdException(String kind, String id) {
    super(kind + " '" + id + "' already exists");
    this.kind = kind;
    this.id = id;
  }

  /** The kind of record, for example {@code credential}. */
  public String kind() {
    return kind;
  }

  /** The id that is taken. */
  public String id() {
    return id;
  }
}
