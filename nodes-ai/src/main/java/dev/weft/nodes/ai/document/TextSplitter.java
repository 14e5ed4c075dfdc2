package dev.weft.nodes.ai.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a text into chunks of at most {@code chunkSize} characters (or estimated tokens) that overlap by up to
 * {@code chunkOverlap}, preferring to cut at paragraph breaks, then line breaks, then spaces, then anywhere — the
 * algorithm of LangChain's {@code RecursiveCharacterTextSplitter} (with its defaults: separators
 * {@code ["\n\n", "\n", " ", ""]}, each separator kept at the start of the piece that follows it, chunks stripped of
 * surrounding white space).
 *
 * <p>How it works: the first separator that occurs in the text splits it into pieces. Pieces shorter than the chunk
 * size are merged greedily into chunks; when a chunk is full, it is emitted and pieces are dropped from its start
 * until what remains is no longer than the overlap, and that remainder begins the next chunk. A piece too long on its
 * own is split again with the next separators; with no separator left (the empty separator cuts between characters)
 * it becomes a chunk as it is. So a chunk may exceed the size only when the separators given cannot cut it.
 *
 * <p>Every chunk is an exact substring of the text and carries its offsets. Characters are counted as Unicode code
 * points (an emoji counts once and is never cut in half); offsets are Java {@code String} (UTF-16) indexes.
 */
public final class TextSplitter {
  /** LangChain's default separators: paragraphs, lines, words, characters. */
  public static final List<String> DEFAULT_SEPARATORS = List.of("\n\n", "\n", " ", "");

  /** What chunk sizes count. */
  public enum Unit {
    /** Unicode code points. */
    CHARACTERS,
    /** Tokens, estimated by {@link TokenEstimator}. */
    TOKENS
  }

  /**
   * One chunk.
   *
   * @param text the chunk, {@code source.substring(start, end)}
   * @param start index of its first character in the source text
   * @param end index after its last character
   * @param index its position among the chunks, from 0
   */
  public record Chunk(String text, int start, int end, int index) {}

  private final int chunkSize;
  private final int chunkOverlap;
  private final List<String> separators;
  private final Unit unit;

  /** A splitter with the default separators, counting characters. */
  public TextSplitter(int chunkSize, int chunkOverlap) {
    this(chunkSize, chunkOverlap, DEFAULT_SEPARATORS, Unit.CHARACTERS);
  }

  /**
   * A splitter.
   *
   * @throws IllegalArgumentException when the size is below 1, the overlap negative or not below the size, or the
   *     separators are empty
   */
  public TextSplitter(int chunkSize, int chunkOverlap, List<String> separators, Unit unit) {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
    }
    if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
      throw new IllegalArgumentException("chunk overlap must be at least 0 and smaller than the chunk size ("
          + chunkSize + "), was " + chunkOverlap);
    }
    if (separators == null || separators.isEmpty() || separators.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("separators must be a non-empty list of strings");
    }
    this.chunkSize = chunkSize;
    this.chunkOverlap = chunkOverlap;
    this.separators = List.copyOf(separators);
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /** The chunks of a text, in order; none for a text that is empty or only white space. */
  public List<Chunk> split(String text) {
    List<int[]> spans = new ArrayList<>();
    split(text, 0, text.length(), separators, spans);
    List<Chunk> chunks = new ArrayList<>(spans.size());
    for (int[] s : spans) {
      chunks.add(new Chunk(text.substring(s[0], s[1]), s[0], s[1], chunks.size()));
    }
    return chunks;
  }

  /** The length of {@code text[start, end)} in this splitter's unit. */
  int length(String text, int start, int end) {
    return unit == Unit.TOKENS ? TokenEstimator.estimate(text, start, end) : text.codePointCount(start, end);
  }

  private void split(String text, int start, int end, List<String> seps, List<int[]> out) {
    String separator = seps.get(seps.size() - 1);
    List<String> rest = List.of();
    for (int i = 0; i < seps.size(); i++) {
      String s = seps.get(i);
      if (s.isEmpty()) {
        separator = s;
        break;
      }
      if (indexOf(text, s, start, end) >= 0) {
        separator = s;
        rest = seps.subList(i + 1, seps.size());
        break;
      }
    }
    List<int[]> good = new ArrayList<>();
    for (int[] piece : pieces(text, start, end, separator)) {
      if (length(text, piece[0], piece[1]) < chunkSize) {
        good.add(piece);
        continue;
      }
      if (!good.isEmpty()) {
        merge(text, good, out);
        good = new ArrayList<>();
      }
      if (rest.isEmpty()) {
        emit(text, piece[0], piece[1], out);
      } else {
        split(text, piece[0], piece[1], rest, out);
      }
    }
    if (!good.isEmpty()) {
      merge(text, good, out);
    }
  }

  /** Non-empty pieces of {@code [start, end)} cut before each occurrence of the separator (or each code point). */
  private static List<int[]> pieces(String text, int start, int end, String separator) {
    List<int[]> pieces = new ArrayList<>();
    if (separator.isEmpty()) {
      for (int i = start; i < end; ) {
        int next = i + Character.charCount(text.codePointAt(i));
        pieces.add(new int[] {i, next});
        i = next;
      }
      return pieces;
    }
    int from = start;
    int at = indexOf(text, separator, start, end);
    while (at >= 0) {
      if (at > from) {
        pieces.add(new int[] {from, at});
      }
      from = at;
      at = indexOf(text, separator, at + separator.length(), end);
    }
    if (end > from) {
      pieces.add(new int[] {from, end});
    }
    return pieces;
  }

  /** The first index of {@code s} in {@code text} at or after {@code from} that ends by {@code end}, or -1. */
  static int indexOf(String text, String s, int from, int end) {
    char first = s.charAt(0);
    for (int i = from, last = end - s.length(); i <= last; i++) {
      if (text.charAt(i) == first && text.startsWith(s, i)) {
        return i;
      }
    }
    return -1;
  }

  /** LangChain's {@code _merge_splits}: greedy chunks of consecutive pieces, with the overlap carried over. */
  private void merge(String text, List<int[]> pieces, List<int[]> out) {
    int first = 0; // the current chunk is pieces[first .. i)
    int total = 0;
    for (int i = 0; i < pieces.size(); i++) {
      int[] piece = pieces.get(i);
      int len = length(text, piece[0], piece[1]);
      if (total + len > chunkSize && i > first) {
        emit(text, pieces.get(first)[0], pieces.get(i - 1)[1], out);
        while (first < i && (total > chunkOverlap || total + len > chunkSize)) {
          int[] dropped = pieces.get(first);
          total -= length(text, dropped[0], dropped[1]);
          first++;
        }
      }
      total += len;
    }
    if (first < pieces.size()) {
      emit(text, pieces.get(first)[0], pieces.get(pieces.size() - 1)[1], out);
    }
  }

  /** Adds {@code [start, end)} without surrounding white space, unless nothing is left. */
  private static void emit(String text, int start, int end, List<int[]> out) {
    while (start < end && isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    if (end <= start) {
      return;
    }
    int[] previous = out.isEmpty() ? null : out.get(out.size() - 1);
    if (previous != null && previous[0] == start && previous[1] <= end) {
      // white space dropped from the overlap made the previous chunk a prefix of this one: keep only this one
      out.set(out.size() - 1, new int[] {start, end});
      return;
    }
    out.add(new int[] {start, end});
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }
}
