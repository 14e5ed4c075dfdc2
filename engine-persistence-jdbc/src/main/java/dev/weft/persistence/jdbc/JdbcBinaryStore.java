package dev.weft.persistence.jdbc;

import dev.weft.binary.BinaryNotFoundException;
import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import dev.weft.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@link BinaryStore} in tables {@code weft_binary} (one row per content: type, name, size) and
 * {@code weft_binary_chunk} (the bytes, in chunks of {@value #CHUNK_SIZE} bytes). Chunks keep memory bounded on both
 * databases: a write holds one chunk at a time and a reader fetches the next chunk only when it needs it. The header
 * row is written last, in the same transaction as the chunks, so a reader never sees half a content and a failed
 * write leaves nothing behind. Ids are 128 random bits in hex; any other id is unknown.
 */
final class JdbcBinaryStore implements BinaryStore {
  static final int CHUNK_SIZE = 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  private final Database db;
  private final Clock clock;

  JdbcBinaryStore(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static String describe(BinaryData data) {
    return "binary data '" + data.id() + "'" + (data.fileName() == null ? "" : " (file '" + data.fileName() + "')");
  }

  private String where() {
    return "the " + db.dialect.product + " database " + db.safeUrl;
  }

  @Override
  public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
    Objects.requireNonNull(content, "content");
    byte[] idBytes = new byte[16];
    RANDOM.nextBytes(idBytes);
    String id = HexFormat.of().formatHex(idBytes);
    BinaryData[] result = new BinaryData[1];
    try {
      db.tx("storing binary data '" + id + "'", c -> {
        long size = 0;
        int chunks = 0;
        byte[] buffer = new byte[CHUNK_SIZE];
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO weft_binary_chunk (binary_id, seq, content) VALUES (?, ?, ?)")) {
          while (true) {
            int n = content.readNBytes(buffer, 0, CHUNK_SIZE);
            if (n == 0) {
              break;
            }
            ps.setString(1, id);
            ps.setInt(2, chunks++);
            byte[] chunk = n == CHUNK_SIZE ? buffer : java.util.Arrays.copyOf(buffer, n);
            ps.setBytes(3, chunk);
            ps.executeUpdate();
            size += n;
            if (n < CHUNK_SIZE) {
              break;
            }
          }
        } catch (IOException e) {
          throw new ReadFailure(e);
        }
        BinaryData data = new BinaryData(id, mimeType, fileName, size);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO weft_binary (id, mime_type, file_name, size,"
            + " chunks, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, id);
          ps.setString(2, data.mimeType());
          ps.setString(3, fileName);
          ps.setLong(4, size);
          ps.setInt(5, chunks);
          Jdbc.setInstant(ps, 6, clock.instant());
          ps.executeUpdate();
        }
        result[0] = data;
        return null;
      });
    } catch (ReadFailure e) {
      IOException io = e.getCause();
      throw new IOException("storing " + (fileName == null ? "binary data" : "file '" + fileName + "'") + " in "
          + where() + " failed: " + io.getMessage(), io);
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    return result[0];
  }

  /** Carries the content stream's failure out of the transaction, which it rolls back. */
  private static final class ReadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadFailure(IOException cause) {
      super(cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  @Override
  public InputStream open(BinaryData data) throws IOException {
    Objects.requireNonNull(data, "data");
    if (data.id() == null || !ID.matcher(data.id()).matches()) {
      throw new BinaryNotFoundException(data.id(),
          describe(data) + " is not in the binary store of " + where() + ": not an id this store issues");
    }
    Integer chunks;
    try {
      chunks = db.tx("opening " + describe(data), c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT chunks FROM weft_binary WHERE id = ?")) {
          ps.setString(1, data.id());
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : null;
          }
        }
      });
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (chunks == null) {
      throw new BinaryNotFoundException(data.id(),
          describe(data) + " is not in the binary store of " + where() + " (deleted, or stored elsewhere)");
    }
    return new ChunkStream(data, chunks);
  }

  /** Reads the chunks one by one, each in its own short transaction, so no connection is held between reads. */
  private final class ChunkStream extends InputStream {
    private final BinaryData data;
    private final int chunks;
    private int next;
    private byte[] current = new byte[0];
    private int position;
    private boolean closed;

    ChunkStream(BinaryData data, int chunks) {
      this.data = data;
      this.chunks = chunks;
    }

    private boolean fill() throws IOException {
      if (closed) {
        throw new IOException(describe(data) + ": the stream is closed");
      }
      while (position == current.length) {
        if (next == chunks) {
          return false;
        }
        int seq = next;
        byte[] bytes;
        try {
          bytes = db.tx("reading chunk " + seq + " of " + describe(data), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "SELECT content FROM weft_binary_chunk WHERE binary_id = ? AND seq = ?")) {
              ps.setString(1, data.id());
              ps.setInt(2, seq);
              try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
              }
            }
          });
        } catch (StoreException e) {
          throw new IOException(e.getMessage(), e);
        }
        if (bytes == null) {
          throw new BinaryNotFoundException(data.id(), describe(data) + " was deleted from " + where()
              + " while being read (chunk " + seq + " of " + chunks + " is gone)");
        }
        current = bytes;
        position = 0;
        next++;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return closed ? 0 : current.length - position;
    }

    @Override
    public void close() {
      closed = true;
      current = new byte[0];
      position = 0;
    }
  }

  @Override
  public void delete(BinaryData data) throws IOException {
    Objects.requireNonNull(data, "data");
    if (data.id() == null || !ID.matcher(data.id()).matches()) {
      return;
    }
    try {
      db.tx("deleting " + describe(data), c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_binary WHERE id = ?")) {
          ps.setString(1, data.id());
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_binary_chunk WHERE binary_id = ?")) {
          ps.setString(1, data.id());
          ps.executeUpdate();
        }
        return null;
      });
    } catch (StoreException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcBinaryStore[" + db.safeUrl + "]";
  }
}
