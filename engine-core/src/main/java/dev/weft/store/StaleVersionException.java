package dev.weft.store;

/**
 * An optimistic update lost a race: the record was changed (or deleted and re-created) since the caller read it.
 * Read the record again, re-apply the change and retry.
 */
public class StaleVersionException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * A lost race.
   *
   * @param kind the kind of record, for example {@code workflow}
   * @param id the record's id
   * @param expectedVersion the version the caller read
   * @param actualVersion the version now stored
   */
  public StaleVersionException(String kind, String id, long expectedVersion, long actualVersion) {
    super(kind + " '" + id + "' was changed concurrently: the update expected version " + expectedVersion
        + " but the stored version is " + actualVersion);
    this.kind = kind;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The kind of record, for example {@code workflow}. */
  public String kind() {
    return kind;
  }

  /** The record's id. */
  public String id() {
    return id;
  }

  /** The version the caller read. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version now stored. */
  public long actualVersion() {
    return actualVersion;
  }
}
