package dev.weft.nodes.utility.file;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields may hold delimiters, quotes (doubled) and line breaks. Reads from a stream. */
final class Csv {
  private Csv() {}

  /** Reads one row at a time from a reader. */
  static final class RowReader {
    private final Reader in;
    private final char delimiter;
    private final char quote;
    private int peeked = -2;
    private long line = 1;

    RowReader(Reader in, char delimiter, char quote) {
      this.in = in;
      this.delimiter = delimiter;
      this.quote = quote;
    }

    long line() {
      return line;
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int c = peeked;
        peeked = -2;
        return c;
      }
      return in.read();
    }

    private int peek() throws IOException {
      if (peeked == -2) {
        peeked = in.read();
      }
      return peeked;
    }

    /** The next row, or {@code null} at the end. */
    List<String> next() throws IOException {
      int c = read();
      if (c == -1) {
        return null;
      }
      List<String> row = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      long startLine = line;
      while (true) {
        if (c == -1) {
          if (quoted) {
            throw new IOException("line " + startLine + ": a quoted field is not closed before the end of the file");
          }
          row.add(field.toString());
          return row;
        }
        char ch = (char) c;
        if (quoted) {
          if (ch == quote) {
            if (peek() == quote) {
              read();
              field.append(quote);
            } else {
              quoted = false;
            }
          } else {
            if (ch == '\n') {
              line++;
            }
            field.append(ch);
          }
        } else if (ch == quote && field.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (ch == delimiter) {
          row.add(field.toString());
          field.setLength(0);
          wasQuoted = false;
        } else if (ch == '\r' || ch == '\n') {
          if (ch == '\r' && peek() == '\n') {
            read();
          }
          line++;
          row.add(field.toString());
          return row;
        } else {
          field.append(ch);
        }
        c = read();
      }
    }
  }

  /** Writes one row, quoting fields that need it. */
  static void writeRow(Writer out, List<String> fields, char delimiter) throws IOException {
    for (int k = 0; k < fields.size(); k++) {
      if (k > 0) {
        out.write(delimiter);
      }
      String f = fields.get(k);
      if (f.indexOf(delimiter) >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0
          || !f.isEmpty() && (Character.isWhitespace(f.charAt(0)) || Character.isWhitespace(f.charAt(f.length() - 1)))) {
        out.write('"');
        out.write(f.replace("\"", "\"\""));
        out.write('"');
      } else {
        out.write(f);
      }
    }
    out.write("\n");
  }
}
