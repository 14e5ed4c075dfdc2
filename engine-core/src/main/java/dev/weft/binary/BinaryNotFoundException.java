package dev.weft.binary;

import java.io.FileNotFoundException;

/** The content a {@link dev.weft.spi.BinaryData} refers to is not in the store: deleted, or never stored there. */
public class BinaryNotFoundException extends FileNotFoundException {
  private static final long serialVersionUID = 1L;

  private final String id;

  /**
   * Missing content.
   *
   * @param id the id that was looked for
   * @param message what is wrong, naming the id
   */
  public BinaryNotFoundException(String id, String message) {
    super(message);
    this.id = id;
  }

  /** The id that was looked for. */
  public String id() {
    return id;
  }
}
