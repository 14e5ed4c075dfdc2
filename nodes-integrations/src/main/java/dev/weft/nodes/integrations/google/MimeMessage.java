package dev.weft.nodes.integrations.google;

import dev.weft.spi.BinaryData;
import dev.weft.spi.BinaryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * An RFC 5322 message with MIME (RFC 2045–2049): non-ASCII headers as RFC 2047 encoded words, text and HTML as
 * {@code multipart/alternative}, attachments in {@code multipart/mixed}, every body base64 in 76-character lines.
 * Written as a request body that streams attachments from the binary store, so a large attachment is never held in
 * memory, and that can be written again on a retry.
 */
final class MimeMessage extends RequestBody {
  private static final MediaType RFC822 = MediaType.get("message/rfc822");

  private final List<String[]> headers = new ArrayList<>();
  private String text;
  private String html;
  private final List<BinaryData> attachments = new ArrayList<>();
  private final BinaryStore store;
  private final String mixedBoundary = "weft-mixed-" + UUID.randomUUID();
  private final String altBoundary = "weft-alt-" + UUID.randomUUID();

  MimeMessage(BinaryStore store) {
    this.store = store;
  }

  /** Adds a header; address headers take a comma-separated list of {@code Name <address>} or bare addresses. */
  MimeMessage header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  MimeMessage addresses(String name, String list) {
    if (list != null && !list.isBlank()) {
      headers.add(new String[] {name, encodeAddresses(list)});
    }
    return this;
  }

  MimeMessage subject(String subject) {
    headers.add(new String[] {"Subject", encodeWord(subject == null ? "" : subject)});
    return this;
  }

  MimeMessage date(ZonedDateTime when) {
    headers.add(new String[] {"Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(when)});
    return this;
  }

  MimeMessage text(String value) {
    this.text = value;
    return this;
  }

  MimeMessage html(String value) {
    this.html = value;
    return this;
  }

  MimeMessage attach(BinaryData data) {
    attachments.add(data);
    return this;
  }

  @Override
  public MediaType contentType() {
    return RFC822;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    for (String[] h : headers) {
      line(sink, h[0] + ": " + h[1]);
    }
    line(sink, "MIME-Version: 1.0");
    if (attachments.isEmpty()) {
      body(sink);
      return;
    }
    line(sink, "Content-Type: multipart/mixed; boundary=\"" + mixedBoundary + "\"");
    line(sink, "");
    line(sink, "--" + mixedBoundary);
    body(sink);
    for (BinaryData a : attachments) {
      line(sink, "--" + mixedBoundary);
      String name = a.fileName() == null ? "attachment" + (a.fileExtension().isEmpty() ? "" : "." + a.fileExtension())
          : a.fileName();
      line(sink, "Content-Type: " + a.mimeType() + "; name=\"" + quoted(encodeWord(name)) + "\"");
      line(sink, "Content-Disposition: attachment; " + filenameParameter(name));
      line(sink, "Content-Transfer-Encoding: base64");
      line(sink, "");
      OutputStream raw = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          sink.writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          sink.write(b, off, len);
        }

        @Override
        public void close() {
          // the sink is closed by OkHttp
        }
      };
      try (InputStream in = store.open(a);
          OutputStream base64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(raw)) {
        in.transferTo(base64);
      }
      line(sink, "");
    }
    line(sink, "--" + mixedBoundary + "--");
  }

  /** The text and/or HTML part(s), headers included. */
  private void body(BufferedSink sink) throws IOException {
    if (text != null && html != null) {
      line(sink, "Content-Type: multipart/alternative; boundary=\"" + altBoundary + "\"");
      line(sink, "");
      line(sink, "--" + altBoundary);
      part(sink, "text/plain", text);
      line(sink, "--" + altBoundary);
      part(sink, "text/html", html);
      line(sink, "--" + altBoundary + "--");
    } else {
      part(sink, html != null ? "text/html" : "text/plain", html != null ? html : text == null ? "" : text);
    }
  }

  private static void part(BufferedSink sink, String type, String content) throws IOException {
    line(sink, "Content-Type: " + type + "; charset=UTF-8");
    line(sink, "Content-Transfer-Encoding: base64");
    line(sink, "");
    String encoded = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
        .encodeToString(content.getBytes(StandardCharsets.UTF_8));
    if (!encoded.isEmpty()) {
      line(sink, encoded);
    }
  }

  private static void line(BufferedSink sink, String s) throws IOException {
    sink.writeUtf8(s).writeUtf8("\r\n");
  }

  /** RFC 2047: ASCII text as it is, anything else as {@code =?UTF-8?B?…?=} words of at most 75 characters. */
  static String encodeWord(String s) {
    if (s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder chunk = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      String next = new String(Character.toChars(cp));
      String candidate = chunk + next;
      if (Base64.getEncoder().encodeToString(candidate.getBytes(StandardCharsets.UTF_8)).length() > 60
          && chunk.length() > 0) {
        appendWord(out, chunk.toString());
        chunk.setLength(0);
      }
      chunk.append(next);
      i += Character.charCount(cp);
    }
    appendWord(out, chunk.toString());
    return out.toString();
  }

  private static void appendWord(StringBuilder out, String chunk) {
    if (out.length() > 0) {
      out.append("\r\n ");
    }
    out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8)))
        .append("?=");
  }

  /** The filename parameter: quoted when ASCII, else RFC 2231's {@code filename*=UTF-8''…}. */
  static String filenameParameter(String name) {
    if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return "filename=\"" + quoted(name) + "\"";
    }
    StringBuilder sb = new StringBuilder("filename*=UTF-8''");
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  /** Address lists: display names encoded or quoted, addresses as they are. */
  static String encodeAddresses(String list) {
    List<String> out = new ArrayList<>();
    for (String raw : splitAddresses(list)) {
      String a = raw.trim();
      if (a.isEmpty()) {
        continue;
      }
      int lt = a.lastIndexOf('<');
      if (lt > 0 && a.endsWith(">")) {
        String name = a.substring(0, lt).trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        String address = a.substring(lt);
        String encoded = encodeWord(name);
        out.add((encoded.equals(name) ? "\"" + quoted(name) + "\"" : encoded) + " " + address);
      } else {
        out.add(a);
      }
    }
    return String.join(", ", out);
  }

  private static List<String> splitAddresses(String list) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (char c : list.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '<') {
        angle++;
      } else if (c == '>') {
        angle = Math.max(0, angle - 1);
      }
      if ((c == ',' || c == ';') && !quoted && angle == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String quoted(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** Whether a text holds an address with a domain: {@code local@domain}. */
  static boolean looksLikeAddress(String a) {
    int lt = a.lastIndexOf('<');
    String addr = lt >= 0 && a.endsWith(">") ? a.substring(lt + 1, a.length() - 1) : a.trim();
    return addr.matches("[^@\\s<>]+@[^@\\s<>]+") && !addr.toLowerCase(Locale.ROOT).endsWith("@");
  }

  /** Splits a list for validation. */
  static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    for (String s : splitAddresses(list)) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
