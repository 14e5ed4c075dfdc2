package dev.weft.persistence.jdbc;

import dev.weft.store.StoreException;

/**
 * A stored row cannot be read back: its JSON is broken or a column holds a value no Weft version writes (someone
 * edited the database by hand, or a disk failed). Reading that one record fails with this exception; listings skip
 * the row and log it once, so one bad row never stops the engine from working through the others.
 */
public class CorruptRecordException extends StoreException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * A corrupt row.
   *
   * @param kind the kind of record, for example {@code execution}
   * @param id the record's id
   * @param problem what is wrong with it, naming the column
   * @param cause the parse failure, or {@code null}
   */
  public CorruptRecordException(String kind, String id, String problem, Throwable cause) {
    super(kind + " '" + id + "' is corrupt in the database: " + problem, cause);
    this.kind = kind;
    this.id = id;
  }

  /** The kind of record, for example {@code execution}. */
  public String kind() {
    return kind;
  }

  /** The record's id. */
  public String id() {
    return id;
  }
}
