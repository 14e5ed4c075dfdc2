package dev.weft.spi;

import java.util.Objects;

/**
 * A reference to binary content (a file, an image, a download) held by the engine's binary store. Items carry these
 * references, never the bytes, so that large files do not sit in memory; read the content with
 * {@link BinaryStore#open(BinaryData)}.
 *
 * @param id the store's identifier of the content
 * @param mimeType media type, for example {@code text/csv}
 * @param fileName file name, or {@code null}
 * @param size content length in bytes
 */
public record BinaryData(String id, String mimeType, String fileName, long size) {
  public BinaryData {
    Objects.requireNonNull(id, "id");
    if (mimeType == null || mimeType.isBlank()) {
      mimeType = "application/octet-stream";
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /** The extension of {@link #fileName()}, without the dot, or an empty string. */
  public String fileExtension() {
    if (fileName == null) {
      return "";
    }
    int dot = fileName.lastIndexOf('.');
    return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1);
  }
}
