package dev.weft.nodes.integrations;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okio.Buffer;

/**
 * A binary store that takes content only as a stream, the way large downloads must reach it: it reads what it is
 * given in 8 KiB chunks, keeping only the size and SHA-256, and fails the test when a node hands it content held whole
 * in memory (a {@code byte[]}, or a stream over one).
 */
public final class StreamingStore implements BinaryStore {
  private final Map<String, String> hashes = new ConcurrentHashMap<>();

  @Override
  public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
    if (content instanceof ByteArrayInputStream) {
      throw new AssertionError("the content was read whole into memory before it reached the binary store");
    }
    MessageDigest sha = sha256();
    byte[] chunk = new byte[8192];
    long size = 0;
    for (int n; (n = content.read(chunk)) > 0; ) {
      sha.update(chunk, 0, n);
      size += n;
    }
    String id = UUID.randomUUID().toString();
    hashes.put(id, HexFormat.of().formatHex(sha.digest()));
    return new BinaryData(id, mimeType, fileName, size);
  }

  @Override
  public BinaryData store(byte[] content, String mimeType, String fileName) {
    throw new AssertionError(content.length + " bytes were held whole in memory and handed over as a byte[]");
  }

  @Override
  public InputStream open(BinaryData data) {
    throw new UnsupportedOperationException("this test store keeps only sizes and hashes");
  }

  @Override
  public void delete(BinaryData data) {
    hashes.remove(data.id());
  }

  /** The SHA-256 (hex) of stored content. */
  public String sha256(BinaryData data) {
    return hashes.get(data.id());
  }

  /** A body of {@code size} bytes of a repeating, non-trivial pattern, for a fake server to send. */
  public static Buffer largeBody(long size) {
    byte[] pattern = new byte[65536];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i * 31 + (i >> 8));
    }
    Buffer body = new Buffer();
    for (long left = size; left > 0; left -= pattern.length) {
      body.write(pattern, 0, (int) Math.min(pattern.length, left));
    }
    return body;
  }

  /** The SHA-256 (hex) of a buffer's content, leaving the buffer as it is. */
  public static String sha256(Buffer body) {
    return body.sha256().hex();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
