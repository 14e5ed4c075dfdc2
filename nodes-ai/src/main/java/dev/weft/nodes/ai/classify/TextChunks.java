package dev.weft.nodes.ai.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into chunks of at most {@code size} characters with {@code overlap} characters repeated between
 * neighbours, cutting at a paragraph, line, sentence or word break in the chunk's last fifth where there is one.
 */
final class TextChunks {
  private static final String[] BREAKS = {"\n\n", "\n", ". ", " "};

  private TextChunks() {}

  static List<String> split(String text, int size, int overlap) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1");
    }
    if (overlap < 0 || overlap >= size) {
      throw new IllegalArgumentException("overlap must be at least 0 and less than the chunk size");
    }
    List<String> chunks = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + size);
      if (end < text.length()) {
        end = breakBefore(text, start, end);
      }
      String chunk = text.substring(start, end).strip();
      if (!chunk.isEmpty()) {
        chunks.add(chunk);
      }
      if (end >= text.length()) {
        break;
      }
      start = Math.max(end - overlap, start + 1);
    }
    return chunks;
  }

  private static int breakBefore(String text, int start, int end) {
    int floor = end - Math.max(1, (end - start) / 5);
    for (String b : BREAKS) {
      int at = text.lastIndexOf(b, end - b.length());
      if (at >= floor && at > start) {
        return at + b.length();
      }
    }
    return end;
  }
}
