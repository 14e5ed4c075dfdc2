package dev.weft.nodes.ai.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

  private static List<String> texts(TextSplitter splitter, String text) {
    return splitter.split(text).stream().map(TextSplitter.Chunk::text).toList();
  }

  @Test
  void splitsLikeLangChainsRecursiveCharacterTextSplitter() {
    // LangChain's test_iterative_text_splitter: chunk_size=10, chunk_overlap=1
    String text = "Hi.\n\nI'm Harrison.\n\nHow? Are? You?\nOkay then f f f f.\n"
        + "This is a weird text to write, but gotta test the splittingggg some how.\n\nBye!\n\n-H.";
    assertThat(texts(new TextSplitter(10, 1), text)).containsExactly("Hi.", "I'm", "Harrison.", "How? Are?",
        "You?", "Okay then", "f f f f.", "This is a", "weird", "text to", "write,", "but gotta", "test the",
        "splitting", "gggg", "some how.", "Bye!", "-H.");
  }

  @Test
  void customSeparatorsAreKeptAtTheStartOfTheFollowingPiece() {
    // LangChain's test_iterative_text_splitter_keep_separator
    TextSplitter splitter = new TextSplitter(6, 0, List.of("X", "Y"), TextSplitter.Unit.CHARACTERS);
    assertThat(texts(splitter, "....5X..3Y...4X....5Y...")).containsExactly("....5", "X..3", "Y...4", "X....5",
        "Y...");
  }

  @Test
  void chunksOverlapByWholeWords() {
    List<String> chunks = texts(new TextSplitter(20, 10), "one two three four five six seven eight nine ten");
    // as LangChain: pieces are dropped from a full chunk's start until at most the overlap remains
    assertThat(chunks).containsExactly("one two three four", "four five six seven", "six seven eight",
        "eight nine ten");
  }

  @Test
  void aWordLongerThanTheChunkIsCutBetweenCharactersWithOverlap() {
    List<TextSplitter.Chunk> chunks = new TextSplitter(10, 2).split("short " + "a".repeat(25) + " end");
    // the space before the word is the first character of its first chunk, then stripped
    assertThat(chunks).extracting(TextSplitter.Chunk::text).containsExactly("short", "aaaaaaaaa", "aaaaaaaaaa",
        "aaaaaaaaaa", "end");
    assertThat(chunks.get(2).start()).isEqualTo(chunks.get(1).end() - 2);
  }

  @Test
  void withoutTheEmptySeparatorALongWordStaysWhole() {
    TextSplitter splitter = new TextSplitter(5, 0, List.of("\n", " "), TextSplitter.Unit.CHARACTERS);
    assertThat(texts(splitter, "tiny enormousword ok")).containsExactly("tiny", "enormousword", "ok");
  }

  @Test
  void unicodeIsCountedInCodePointsAndNeverCutInsideOne() {
    List<TextSplitter.Chunk> chunks = new TextSplitter(2, 0).split("😀😀😀😀😀");
    assertThat(chunks).extracting(TextSplitter.Chunk::text).containsExactly("😀😀", "😀😀", "😀");
    assertThat(chunks).extracting(TextSplitter.Chunk::start).containsExactly(0, 4, 8);
    assertThat(texts(new TextSplitter(8, 0), "Grüße aus Köln, 東京の天気")).containsExactly("Grüße", "aus", "Köln,",
        "東京の天気");
  }

  @Test
  void aChunkIsNotRepeatedAsThePrefixOfTheNext() {
    // popping the leading space of " al" leaves "al", a prefix of the next chunk "alp": only "alp" is kept
    assertThat(texts(new TextSplitter(3, 2), "🚀 alpha ")).containsExactly("🚀", "alp", "lph", "pha");
  }

  @Test
  void emptyAndBlankTextsHaveNoChunks() {
    assertThat(new TextSplitter(10, 0).split("")).isEmpty();
    assertThat(new TextSplitter(10, 0).split(" \n\n\t ")).isEmpty();
    assertThat(texts(new TextSplitter(100, 0), "  fits  ")).containsExactly("fits");
  }

  @Test
  void tokenUnitSizesChunksByEstimatedTokens() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(20);
    TextSplitter splitter = new TextSplitter(25, 5, TextSplitter.DEFAULT_SEPARATORS, TextSplitter.Unit.TOKENS);
    List<TextSplitter.Chunk> chunks = splitter.split(text);
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks).allSatisfy(c -> assertThat(TokenEstimator.estimate(c.text())).isLessThanOrEqualTo(25));
    assertThat(chunks.get(0).text()).startsWith("The quick brown fox");
  }

  @Test
  void chunksAreExactSubstringsWithinTheSizeCoveringAllTheText() {
    Random random = new Random(7);
    String[] words = {"alpha", "be", "gamma", "\n", "\n\n", "delta-epsilon", "ζήτα", "🚀", "x", "supercalifragilistic"};
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0, n = random.nextInt(80); i < n; i++) {
        sb.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "" : " ");
      }
      String text = sb.toString();
      int size = 3 + random.nextInt(30);
      int overlap = random.nextInt(size);
      List<TextSplitter.Chunk> chunks = new TextSplitter(size, overlap).split(text);
      boolean[] covered = new boolean[text.length()];
      int previousStart = -1;
      for (TextSplitter.Chunk c : chunks) {
        assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
        assertThat(c.text().codePointCount(0, c.text().length())).as("chunk '%s' of size %d", c.text(), size)
            .isLessThanOrEqualTo(size);
        assertThat(c.start()).isGreaterThan(previousStart);
        previousStart = c.start();
        for (int i = c.start(); i < c.end(); i++) {
          covered[i] = true;
        }
      }
      for (int i = 0; i < text.length(); i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          assertThat(covered[i]).as("character %d of '%s' is in a chunk", i, text).isTrue();
        }
      }
      for (int i = 1; i < chunks.size(); i++) {
        int shared = Math.max(0, text.codePointCount(chunks.get(i).start(),
            Math.max(chunks.get(i).start(), chunks.get(i - 1).end())));
        assertThat(shared).as("overlap of chunks %d and %d", i - 1, i).isLessThanOrEqualTo(overlap);
      }
    }
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new TextSplitter(0, 0)).hasMessageContaining("chunk size must be at least 1");
    assertThatThrownBy(() -> new TextSplitter(10, 10)).hasMessageContaining("smaller than the chunk size (10)");
    assertThatThrownBy(() -> new TextSplitter(10, -1)).hasMessageContaining("at least 0");
    assertThatThrownBy(() -> new TextSplitter(10, 0, List.of(), TextSplitter.Unit.CHARACTERS))
        .hasMessageContaining("separators");
  }

  @Test
  void tokenEstimatesAreCloseToGptCountsOnProse() {
    assertThat(TokenEstimator.estimate("The quick brown fox jumps over the lazy dog.")).isEqualTo(10);
    assertThat(TokenEstimator.estimate("")).isZero();
    assertThat(TokenEstimator.estimate("1234567")).isEqualTo(3);
    assertThat(TokenEstimator.estimate("東京の天気")).isEqualTo(5);
    assertThat(TokenEstimator.estimate("hello, world!")).isEqualTo(4);
  }
}
