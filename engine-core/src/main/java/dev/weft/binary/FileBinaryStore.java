package dev.weft.binary;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link BinaryStore} in a folder: each content is one file named by its random id, in a sub-folder named by the
 * id's first two characters ({@code root/3f/3fa9...}).
 *
 * <p>Writes stream to a temporary file in {@code root/tmp}, are flushed to disk, and then moved into place
 * atomically, so a reader never sees half a file and a failed or interrupted write leaves no content behind (at most
 * an orphaned temporary file after a crash, which {@link #deleteTemporaryFiles()} removes). File names given with the
 * content are kept only in the returned {@link BinaryData}; they never touch the file system, and an id that this
 * store could not have issued (such as {@code ../../etc/passwd}) is treated as unknown, so no path outside the folder
 * can be read or deleted.
 *
 * <p>Thread-safe; several processes may share one folder.
 */
public final class FileBinaryStore implements BinaryStore {
  private static final String TMP = "tmp";

  private final Path root;
  private final Path tmp;

  /**
   * A store in {@code root}, created with its parents when missing.
   *
   * @throws IOException when the folder cannot be created or is not a folder
   */
  public FileBinaryStore(Path root) throws IOException {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
      throw new IOException("binary store folder " + this.root + " is a file, not a folder");
    }
    this.tmp = this.root.resolve(TMP);
    Files.createDirectories(tmp);
  }

  /** The folder holding the content. */
  public Path root() {
    return root;
  }

  @Override
  public BinaryData store(InputStream content, String mimeType, String fileName) throws IOException {
    Objects.requireNonNull(content, "content");
    String id = BinaryIds.next();
    Path part = Files.createTempFile(tmp, "upload-", ".part");
    try {
      long size;
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        size = content.transferTo(out);
        out.flush();
        channel.force(true);
      }
      Path target = pathOf(id);
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      return new BinaryData(id, mimeType, fileName, size);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      if (e instanceof IOException io) {
        throw new IOException("storing " + (fileName == null ? "binary data" : "file '" + fileName + "'")
            + " in " + root + " failed: " + io.getMessage(), io);
      }
      throw e;
    }
  }

  @Override
  public InputStream open(BinaryData data) throws IOException {
    Objects.requireNonNull(data, "data");
    if (!BinaryIds.isValid(data.id())) {
      throw new BinaryNotFoundException(data.id(),
          BinaryIds.describe(data) + " is not in binary store " + root + ": not an id this store issues");
    }
    try {
      return Files.newInputStream(pathOf(data.id()));
    } catch (NoSuchFileException e) {
      throw new BinaryNotFoundException(data.id(),
          BinaryIds.describe(data) + " is not in binary store " + root + " (deleted, or stored elsewhere)");
    }
  }

  @Override
  public void delete(BinaryData data) throws IOException {
    Objects.requireNonNull(data, "data");
    if (BinaryIds.isValid(data.id())) {
      Files.deleteIfExists(pathOf(data.id()));
    }
  }

  /**
   * Deletes temporary files that writes left behind when the process died mid-write. Call it at start-up, when no
   * other process writes to the folder.
   *
   * @return how many files were deleted
   */
  public int deleteTemporaryFiles() throws IOException {
    int deleted = 0;
    try (var files = Files.newDirectoryStream(tmp, "upload-*.part")) {
      for (Path p : files) {
        if (Files.deleteIfExists(p)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  private Path pathOf(String id) {
    return root.resolve(id.substring(0, 2)).resolve(id);
  }

  @Override
  public String toString() {
    return "FileBinaryStore[" + root + "]";
  }
}
