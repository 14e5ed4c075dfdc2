package dev.weft.nodes.ai.document;

import static dev.weft.nodes.ai.vector.AiBTests.chain;
import static dev.weft.nodes.ai.vector.AiBTests.run;
import static dev.weft.nodes.ai.vector.AiBTests.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.ai.vector.AiBTests;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DocumentLoaderNodeTest {
  private static final Weft WEFT = AiBTests.engine();

  @AfterAll
  static void close() {
    WEFT.close();
  }

  private static Item file(byte[] bytes, String mime, String name) throws Exception {
    BinaryData data = AiBTests.BINARIES.store(bytes, mime, name);
    return Item.of("kind", "file").withBinary("data", data);
  }

  private static Map<String, Object> load(String parameters, Item input) {
    ExecutionResult r = succeeded(run(WEFT, chain("""
        { "name": "Load", "type": "weft.ai.documentLoader", "parameters": %s }""".formatted(parameters)),
        List.of(input)));
    return r.items("Load").get(0).json();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> meta(Map<String, Object> doc) {
    return (Map<String, Object>) doc.get("metadata");
  }

  @Test
  void plainTextFromAFieldIsKeptAsItIsWithExtraMetadata() {
    Map<String, Object> doc = load("""
        { "metadata": { "source": "{{ $json.url }}" } }""",
        Item.of("text", "  Line one\n    indented\n\nPara two  ", "url", "https://example.org/a"));

    assertThat(doc.get("text")).isEqualTo("  Line one\n    indented\n\nPara two  ");
    assertThat(meta(doc)).containsEntry("source", "https://example.org/a").containsEntry("format", "text");
  }

  @Test
  void htmlLosesTagsScriptsAndStylesButKeepsParagraphs() throws Exception {
    String html = """
        <!doctype html><html><head><title>Returns policy</title><style>p { color: red }</style>
        <meta charset="windows-1252"></head>
        <body><nav><a href="/">Home</a></nav><h1>Returns</h1>
        <p>You may return items within <b>30 days</b>.</p><script>alert('x')</script>
        <ul><li>Unused</li><li>In their box</li></ul><p>Caf\u00e9 refunds take 5 days.</p></body></html>""";
    Map<String, Object> doc = load("{ \"source\": \"binary\" }",
        file(html.getBytes(Charset.forName("windows-1252")), "text/html", "returns.html"));

    assertThat(doc.get("text")).isEqualTo("Home\n\nReturns\n\nYou may return items within 30 days.\n\nUnused\n"
        + "In their box\n\nCafé refunds take 5 days.");
    assertThat(meta(doc)).containsEntry("source", "returns.html").containsEntry("format", "html")
        .containsEntry("title", "Returns policy").containsEntry("mimeType", "text/html");
  }

  @Test
  void markdownFilesAreFoundByExtensionAndLoseTheirMarkup() throws Exception {
    String md = "# Setup guide\n\nInstall with `npm i weft`.\n\n## Options\n\n* **fast**: skips checks\n* slow\n";
    Map<String, Object> doc = load("{ \"source\": \"binary\" }",
        file(md.getBytes(StandardCharsets.UTF_8), "application/octet-stream", "guide.md"));

    assertThat((String) doc.get("text")).doesNotContain("#", "**", "`").contains("Setup guide",
        "Install with \"npm i weft\".", "Options", "fast: skips checks");
    assertThat((String) doc.get("text")).contains("\n\n");
    assertThat(meta(doc)).containsEntry("title", "Setup guide").containsEntry("format", "markdown");
  }

  @Test
  void textFilesAreDecodedByByteOrderMarkOrCharset() throws Exception {
    byte[] bom = "\uFEFFÜber".getBytes(StandardCharsets.UTF_8);
    assertThat(load("{ \"source\": \"binary\" }", file(bom, "text/plain", "a.txt")).get("text")).isEqualTo("Über");
    byte[] latin1 = "Köln".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(load("{ \"source\": \"binary\" }", file(latin1, "text/plain; charset=ISO-8859-1", "b.txt"))
        .get("text")).isEqualTo("Köln");
  }

  @Test
  void unreadableFilesFailNamingTheParameter() throws Exception {
    ExecutionResult pdf = run(WEFT, chain("""
        { "name": "Load", "type": "weft.ai.documentLoader", "parameters": { "source": "binary" } }"""),
        List.of(file(new byte[] {'%', 'P', 'D', 'F'}, "application/pdf", "report.pdf")));
    assertThat(pdf.succeeded()).isFalse();
    assertThat(pdf.error().toString()).contains("format", "report.pdf", "PDF files are not supported");

    ExecutionResult missing = run(WEFT, chain("""
        { "name": "Load", "type": "weft.ai.documentLoader", "parameters": { "source": "binary",
          "binaryProperty": "attachment" } }"""), List.of(file(new byte[] {'x'}, "text/plain", "x.txt")));
    assertThat(missing.succeeded()).isFalse();
    assertThat(missing.error().toString()).contains("binaryProperty", "no binary property 'attachment'", "[data]");
  }

  @Test
  void loadedDocumentsSplitIntoChunksThatKeepSourceIndexAndOffsets() throws Exception {
    String text = "First paragraph about apples and pears.\n\nSecond paragraph about ships and harbours.";
    ExecutionResult r = succeeded(run(WEFT, chain("""
        { "name": "Load", "type": "weft.ai.documentLoader", "parameters": { "source": "binary" } }""", """
        { "name": "Split", "type": "weft.ai.textSplitter", "parameters": { "chunkSize": 45, "chunkOverlap": 0 } }"""),
        List.of(file(text.getBytes(StandardCharsets.UTF_8), "text/plain", "fruit.txt"))));

    List<Item> chunks = r.items("Split");
    assertThat(chunks).extracting(i -> i.json().get("text")).containsExactly(
        "First paragraph about apples and pears.", "Second paragraph about ships and harbours.");
    Map<String, Object> second = meta(chunks.get(1).json());
    assertThat(second).containsEntry("source", "fruit.txt");
    assertThat(List.of(second.get("chunkIndex"), second.get("chunkCount"), second.get("start"), second.get("end")))
        .extracting(n -> ((Number) n).longValue()).containsExactly(1L, 2L, 41L, (long) text.length());
    assertThat(chunks.get(1).pairedItems().get(0).item()).isZero();
  }

  @Test
  void splitterSettingsAreCheckedNamingTheParameter() {
    ExecutionResult r = run(WEFT, chain("""
        { "name": "Split", "type": "weft.ai.textSplitter", "parameters": { "chunkSize": 10, "chunkOverlap": 10 } }"""),
        List.of(Item.of("text", "abc")));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.error().toString()).contains("chunkOverlap", "smaller than the chunk size (10)");

    ExecutionResult tokens = succeeded(run(WEFT, chain("""
        { "name": "Split", "type": "weft.ai.textSplitter", "parameters": { "chunkSize": 5, "chunkOverlap": 0,
          "unit": "tokens", "separators": [" "] } }"""),
        List.of(Item.of("text", "one two three four five six seven eight nine ten eleven twelve"))));
    assertThat(tokens.items("Split")).extracting(i -> i.json().get("text")).containsExactly(
        "one two three four five", "six seven eight nine ten", "eleven twelve");
  }
}
