package dev.weft.binary;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BinaryStore} in memory: thread-safe, lost when the process ends, and every byte stored sits on the heap.
 * For tests and small content; use {@link FileBinaryStore} for files.
 */
public final class InMemoryBinaryStore implements BinaryStore {
  private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryBinaryStore() {}

  @Override
  public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
    Objects.requireNonNull(content, "content");
    byte[] bytes = content.readAllBytes();
    String id = BinaryIds.next();
    contents.put(id, bytes);
    return new BinaryData(id, mimeType, fileName, bytes.length);
  }

  @Override
  public InputStream open(BinaryData data) throws IOException {
    Objects.requireNonNull(data, "data");
    byte[] bytes = contents.get(data.id());
    if (bytes == null) {
      throw new BinaryNotFoundException(data.id(), BinaryIds.describe(data) + " is not in this in-memory store"
          + (BinaryIds.isValid(data.id()) ? " (deleted, or stored elsewhere)" : " (not an id this store issues)"));
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public void delete(BinaryData data) {
    Objects.requireNonNull(data, "data");
    contents.remove(data.id());
  }

  /** How many contents are stored. */
  public int size() {
    return contents.size();
  }

  /** How many bytes are stored in total. */
  public long totalBytes() {
    long total = 0;
    for (byte[] b : contents.values()) {
      total += b.length;
    }
    return total;
  }
}
