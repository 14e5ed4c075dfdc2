package dev.weft.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where binary content lives while items refer to it by {@link BinaryData}. Content is streamed in and out, so a
 * large file never needs to fit in memory.
 */
public interface BinaryStore {

  /** Stores content read to its end from {@code content} (which the caller closes). */
  BinaryData store(InputStream content, String mimeType, String fileName) throws IOException;

  /** Stores content held in memory (small content only). */
  default BinaryData store(byte[] content, String mimeType, String fileName) throws IOException {
    return store(new ByteArrayInputStream(content), mimeType, fileName);
  }

  /** Opens the content for reading; the caller closes the stream. */
  InputStream open(BinaryData data) throws IOException;

  /** Reads all content into memory (small content only). */
  default byte[] readAll(BinaryData data) throws IOException {
    try (InputStream in = open(data)) {
      return in.readAllBytes();
    }
  }

  /** Deletes the content; deleting what is gone is not an error. */
  void delete(BinaryData data) throws IOException;
}
