package dev.weft.nodes.ai.vector;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A local, deterministic embedder: feature hashing ("the hashing trick", Weinberger et al. 2009, as scikit-learn's
 * {@code HashingVectorizer}) of word unigrams and bigrams, L2-normalised. No model, no network; the same text gives
 * the same vector on every machine.
 *
 * <p>The text is normalised (Unicode NFKC, lower case) and cut into words: runs of letters, marks and digits; each
 * Han, Hiragana or Katakana character is a word of its own, since those scripts do not separate words by spaces.
 * Common English function words ("the", "is", "of", …) are dropped and English plurals reduced to their singular
 * by Harman's "S" stemmer ({@code refunds} → {@code refund}, {@code policies} → {@code policy}). Each remaining word and each pair of
 * neighbouring words is a feature; a feature's 32-bit MurmurHash3 picks its component ({@code |h| mod dimension})
 * and its sign ({@code h >= 0 ? +1 : -1}, so that collisions tend to cancel out rather than add up). Counts are
 * summed and the vector scaled to length 1 (a text without words gives the zero vector).
 *
 * <p>Cosine similarity of these vectors measures shared words and phrases, not meaning: "car" and "automobile" are
 * unrelated to it. It is useful offline, for tests and for keyword-like retrieval; use a model (for example through
 * an OpenAI-compatible embeddings endpoint) for semantic search across paraphrases.
 */
public final class HashingEmbedder implements Embedder {
  /** The default number of components. */
  public static final int DEFAULT_DIMENSION = 1024;

  static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "do",
      "does", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "so",
      "that", "the", "their", "then", "there", "these", "this", "to", "was", "we", "were", "what", "when", "where",
      "which", "who", "will", "with", "you", "your");

  private final int dimension;

  /** An embedder with {@value #DEFAULT_DIMENSION} components. */
  public HashingEmbedder() {
    this(DEFAULT_DIMENSION);
  }

  /** An embedder with this many components (16 to 65536). */
  public HashingEmbedder(int dimension) {
    if (dimension < 16 || dimension > 65536) {
      throw new IllegalArgumentException("dimension must be between 16 and 65536, was " + dimension);
    }
    this.dimension = dimension;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(embed(text));
    }
    return out;
  }

  /** The vector of one text. */
  public float[] embed(String text) {
    double[] sum = new double[dimension];
    List<String> words = words(text == null ? "" : text);
    for (int i = 0; i < words.size(); i++) {
      add(sum, words.get(i));
      if (i > 0) {
        add(sum, words.get(i - 1) + ' ' + words.get(i));
      }
    }
    double norm = 0;
    for (double x : sum) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] v = new float[dimension];
    if (norm > 0) {
      for (int i = 0; i < dimension; i++) {
        v[i] = (float) (sum[i] / norm);
      }
    }
    return v;
  }

  private void add(double[] sum, String feature) {
    int h = murmur3(feature.getBytes(StandardCharsets.UTF_8), 0);
    int index = (int) (Math.abs((long) h) % dimension);
    sum[index] += h >= 0 ? 1 : -1;
  }

  /** The words of a text as this embedder sees them (normalised, function words dropped). */
  static List<String> words(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isIdeographic(cp)) {
        flush(word, words);
        words.add(new String(Character.toChars(cp)));
      } else if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
          || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
        word.appendCodePoint(cp);
      } else {
        flush(word, words);
      }
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      String w = word.toString();
      if (!STOP_WORDS.contains(w)) {
        words.add(stem(w));
      }
      word.setLength(0);
    }
  }

  /**
   * Harman's "S" stemmer (1991) for English plurals: {@code -ies} → {@code -y} (not after e or a), {@code -es} →
   * {@code -e} (not after a, e or o), {@code -s} → nothing (not after u or s). Words of three letters or fewer, and
   * words with characters outside a–z, are left alone.
   */
  static String stem(String w) {
    int n = w.length();
    if (n <= 3 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return w;
    }
    if (w.endsWith("ies") && !w.endsWith("eies") && !w.endsWith("aies")) {
      return w.substring(0, n - 3) + "y";
    }
    if (w.endsWith("es") && !w.endsWith("aes") && !w.endsWith("ees") && !w.endsWith("oes")) {
      return w.substring(0, n - 1);
    }
    if (w.endsWith("s") && !w.endsWith("us") && !w.endsWith("ss")) {
      return w.substring(0, n - 1);
    }
    return w;
  }

  private static boolean isIdeographic(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  /** MurmurHash3, x86 32-bit variant (Austin Appleby, public domain). */
  static int murmur3(byte[] data, int seed) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h = seed;
    int blocks = data.length / 4;
    for (int b = 0; b < blocks; b++) {
      int i = b * 4;
      int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
      k *= c1;
      k = Integer.rotateLeft(k, 15);
      k *= c2;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= c1;
        k = Integer.rotateLeft(k, 15);
        k *= c2;
        h ^= k;
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String model() {
    return "weft-hashing-" + dimension;
  }
}
