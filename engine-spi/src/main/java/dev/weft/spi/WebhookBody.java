package dev.weft.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The body of a webhook request, read once in one of two ways: as a {@linkplain #stream() stream} (any size: an upload
 * goes to the {@link BinaryStore} without ever being held whole in memory) or as {@linkplain #bytes() bytes} (small
 * bodies only: JSON, forms, signed events), up to the host's size limit. A host hands the request's input stream over
 * unread; whichever way a handler reads it first decides.
 *
 * <p>Not thread-safe: a handler reads its request's body on one thread, while the request is being answered.
 */
public final class WebhookBody {
  private static final WebhookBody EMPTY = new WebhookBody(new byte[0], null, 0, Long.MAX_VALUE);
  private InputStream in;
  private byte[] bytes;
  private final long length;
  private final long limit;
  private boolean streamed;

  private WebhookBody(byte[] bytes, InputStream in, long length, long limit) {
    this.bytes = bytes;
    this.in = in;
    this.length = length;
    this.limit = limit;
  }

  /** A body held in memory. */
  public static WebhookBody of(byte[] bytes) {
    return bytes == null || bytes.length == 0 ? EMPTY : new WebhookBody(bytes, null, bytes.length, Long.MAX_VALUE);
  }

  /**
   * A body still to be read from {@code in}, which the host closes after the request.
   *
   * @param in the request's input stream, unread
   * @param length the declared length ({@code Content-Length}), or -1 when unknown
   * @param limit the largest body {@link #bytes()} reads into memory; a stream is not limited by it
   */
  public static WebhookBody stream(InputStream in, long length, long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the limit must not be negative: " + limit);
    }
    return new WebhookBody(null, java.util.Objects.requireNonNull(in, "in"), length < 0 ? -1 : length, limit);
  }

  /** The declared length in bytes, or -1 when the caller did not declare it (chunked transfer). */
  public long length() {
    return bytes != null ? bytes.length : length;
  }

  /** The most bytes {@link #bytes()} reads into memory; handlers that keep parts of a stream respect it too. */
  public long limit() {
    return limit;
  }

  /** Whether there is no body (declared empty, or read and found empty). */
  public boolean isEmpty() {
    return length() == 0;
  }

  /**
   * The body as a stream, for content of any size; the caller may close it (the host closes it anyway). A body can be
   * streamed once; after {@link #bytes()} the stream reads those bytes.
   *
   * @throws IllegalStateException when the body was streamed already
   */
  public InputStream stream() {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    if (streamed) {
      throw new IllegalStateException("the request body was streamed already; it can be read once");
    }
    streamed = true;
    return in;
  }

  /**
   * The whole body in memory, read on the first call and kept (small bodies only).
   *
   * @throws TooLargeException when the body is larger than the host's limit
   * @throws UncheckedIOException when reading fails (the caller went away)
   * @throws IllegalStateException when the body was streamed already
   */
  public byte[] bytes() {
    if (bytes != null) {
      return bytes;
    }
    if (streamed) {
      throw new IllegalStateException("the request body was streamed already; it can be read once");
    }
    if (length > limit) {
      throw new TooLargeException(limit);
    }
    long max = Math.min(limit, Integer.MAX_VALUE - 16L);
    try {
      byte[] read;
      if (length >= 0 && length <= max) { // the usual small JSON body: one read into an array of its size
        read = new byte[(int) length];
        int n = in.readNBytes(read, 0, read.length);
        if (n < read.length) {
          read = java.util.Arrays.copyOf(read, n); // the caller went away early; what came is the body
        }
      } else {
        read = in.readNBytes((int) max + 1);
        if (read.length > max) {
          throw new TooLargeException(max);
        }
      }
      bytes = read;
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException("the request body could not be read: " + e.getMessage(), e);
    }
  }

  /** Whether the body is held in memory (given as bytes, or read by {@link #bytes()}). */
  public boolean inMemory() {
    return bytes != null;
  }

  @Override
  public String toString() {
    return "WebhookBody[length=" + length() + (bytes != null ? ", in memory]" : ", unread]");
  }

  /** The body is larger than the host lets a handler read into memory; hosts answer 413. */
  public static final class TooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    /** A body over {@code limit} bytes. */
    public TooLargeException(long limit) {
      super("the request body is larger than " + limit + " bytes, the most read into memory");
      this.limit = limit;
    }

    /** The limit, in bytes. */
    public long limit() {
      return limit;
    }
  }
}
