package dev.weft.nodes.integrations.webhook;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a {@code multipart/form-data} body part by part as it arrives (RFC 7578, RFC 2046 section 5.1): each part's
 * content is a stream that ends at the next boundary, so an uploaded file goes on to the binary store without the
 * body ever being held whole in memory. Only a window of the body (64 KiB) is buffered.
 */
final class MultipartReader {
  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private final InputStream in;
  /** {@code CRLF--boundary}: every delimiter, the first one included (the buffer starts with a CRLF). */
  private final byte[] delimiter;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;
  private boolean eof;
  private boolean finished;
  private PartStream current;

  /** The body is not the multipart content its type announced (the caller's fault, unlike a failed read). */
  static final class MalformedException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  /** A part: its headers and its content, readable until the next part is asked for. */
  record Part(InternetHeaders headers, InputStream content) {}

  MultipartReader(InputStream in, String boundary) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw new IllegalArgumentException("the multipart body has no valid boundary in its content type");
    }
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    buf[0] = '\r';
    buf[1] = '\n';
    lim = 2;
    current = new PartStream(); // the preamble, skipped by the first next()
  }

  /**
   * The next part, or {@code null} after the closing boundary; what was left unread of the previous part is skipped.
   *
   * @throws IOException when the body breaks off or is not multipart as its content type says
   */
  Part next() throws IOException {
    if (finished) {
      return null;
    }
    current.skipToEnd();
    pos += delimiter.length;
    fill(2);
    if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true; // the closing delimiter; the epilogue is ignored
      return null;
    }
    readLine(); // the rest of the delimiter line: optional whitespace, then CRLF
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (byte[] line; (line = readLine()).length > 0; ) {
      head.write(line);
      head.write('\r');
      head.write('\n');
      if (head.size() > MAX_HEADER_BYTES) {
        throw new MalformedException("a multipart part has more than " + MAX_HEADER_BYTES + " bytes of headers");
      }
    }
    head.write('\r');
    head.write('\n');
    InternetHeaders headers;
    try {
      headers = new InternetHeaders(new ByteArrayInputStream(head.toByteArray()));
    } catch (MessagingException e) {
      throw new MalformedException("a multipart part has unreadable headers: " + e.getMessage());
    }
    current = new PartStream();
    return new Part(headers, current);
  }

  /** A line up to CRLF (without it), from the buffer. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      fill(2);
      if (lim - pos < 2) {
        throw new MalformedException("the multipart body ends inside a part's headers");
      }
      if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
        pos += 2;
        return line.toByteArray();
      }
      line.write(buf[pos++]);
      if (line.size() > MAX_HEADER_BYTES) {
        throw new MalformedException("a multipart header line is longer than " + MAX_HEADER_BYTES + " bytes");
      }
    }
  }

  /** Reads until at least {@code need} bytes are buffered, or the body ends. */
  private void fill(int need) throws IOException {
    if (lim - pos >= need || eof) {
      return;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    while (lim < need && !eof) {
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) {
        eof = true;
      } else {
        lim += n;
      }
    }
  }

  /** Where a delimiter starts in the buffer before {@code end}, or -1. */
  private int delimiterAt(int end) {
    outer:
    for (int i = pos; i <= end - delimiter.length; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** One part's content: the bytes up to the next delimiter, which it leaves in the buffer. */
  private final class PartStream extends InputStream {
    private boolean ended;

    /** How many of {@code want} bytes can be handed out now; 0 at the delimiter (then the part has ended). */
    private int available0(int want) throws IOException {
      if (ended || this != current) {
        return 0;
      }
      fill(delimiter.length);
      // look only as far as this read can go, so that reading in small chunks does not scan the buffer again
      int end = (int) Math.min(lim, (long) pos + want + delimiter.length - 1);
      int at = delimiterAt(end);
      if (at >= 0) {
        if (at == pos) {
          ended = true;
        }
        return at - pos;
      }
      if (eof && end == lim) {
        throw new MalformedException("the multipart body ends without its closing boundary");
      }
      return end - pos - (delimiter.length - 1); // a delimiter may begin in the last bytes: keep them
    }

    @Override
    public int read() throws IOException {
      return available0(1) > 0 ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = available0(len);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    void skipToEnd() throws IOException {
      byte[] skip = new byte[8192];
      while (read(skip, 0, skip.length) > 0) {
        // discard
      }
    }

    @Override
    public void close() {
      // the reader's stream stays open for the next part
    }
  }
}
