package dev.weft.nodes.ai.document;

/**
 * Estimates how many tokens a language model's tokenizer makes of a text, without the tokenizer: white space is
 * free (byte-pair encoders fold a leading space into the next word), a run of letters counts one token per four
 * letters (rounded, at least one), a run of digits one per three digits (as GPT tokenizers group numbers), each Han,
 * Hiragana, Katakana or Hangul character one token, and every other character (punctuation, symbols, emoji) one.
 *
 * <p>On English prose this lands within about 15% of OpenAI's {@code cl100k_base} counts ("The quick brown fox jumps
 * over the lazy dog." is 10 by both); it is not exact for any tokenizer, and models' tokenizers differ anyway. Leave
 * a margin below a model's context limit when sizing chunks by it.
 */
public final class TokenEstimator {
  private TokenEstimator() {}

  /** The estimated token count of a text. */
  public static int estimate(String text) {
    return estimate(text, 0, text.length());
  }

  /** The estimated token count of {@code text[start, end)}. */
  public static int estimate(String text, int start, int end) {
    int tokens = 0;
    int letters = 0;
    int digits = 0;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean dense = isDenseScript(cp);
      if (Character.isLetter(cp) && !dense || Character.getType(cp) == Character.NON_SPACING_MARK) {
        tokens += digitTokens(digits);
        digits = 0;
        letters++;
        continue;
      }
      if (Character.isDigit(cp)) {
        tokens += letterTokens(letters);
        letters = 0;
        digits++;
        continue;
      }
      tokens += letterTokens(letters) + digitTokens(digits);
      letters = 0;
      digits = 0;
      if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
        tokens++;
      }
    }
    return tokens + letterTokens(letters) + digitTokens(digits);
  }

  private static int letterTokens(int run) {
    return run == 0 ? 0 : Math.max(1, Math.round(run / 4f));
  }

  private static int digitTokens(int run) {
    return (run + 2) / 3;
  }

  private static boolean isDenseScript(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
  }
}
