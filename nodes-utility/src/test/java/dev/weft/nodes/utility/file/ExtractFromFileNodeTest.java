package dev.weft.nodes.utility.file;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files are made from text with Convert to File (text or base64), then extracted. */
class ExtractFromFileNodeTest {

  private static String fromText(String extractParameters) {
    return """
        { "name": "extract",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "File", "type": "weft.convertToFile", "parameters": { "operation": "text", "sourceField": "content" } },
            { "name": "Extract", "type": "weft.extractFromFile", "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "File" }, { "from": "File", "to": "Extract" } ] }
        """.formatted(extractParameters);
  }

  private static List<Map<String, Object>> extract(String parameters, String content) {
    return json(ok(fromText(parameters), "[{\"content\": " + quote(content) + "}]").items("Extract"));
  }

  @Test
  void readsCsvRowsAsItemsWithQuotedFieldsAndLineBreaks() {
    assertThat(extract("{ \"operation\": \"csv\" }",
        "\uFEFFid,name,note\r\n1,\"Ada, Countess\",\"said \"\"hi\"\"\"\r\n2,Linus,\"two\nlines\"\r\n"))
        .isEqualTo(parse("""
            [{"id": "1", "name": "Ada, Countess", "note": "said \\"hi\\""}, {"id": "2", "name": "Linus", "note": "two\\nlines"}]"""));
  }

  @Test
  void csvKeepsTheByteOrderMarkWhenAskedToAndTakesADelimiter() {
    assertThat(extract("{ \"operation\": \"csv\", \"delimiter\": \"|\", \"stripBom\": false }", "\uFEFFa|b\n1|2\n"))
        .isEqualTo(parse("[{\"\\ufeffa\": \"1\", \"b\": \"2\"}]"));
  }

  @Test
  void csvWithoutHeaderGivesRowsAndMaxRowsStops() {
    assertThat(extract("{ \"operation\": \"csv\", \"headerRow\": false, \"maxRows\": 2 }", "a,b\nc,d\ne,f\n"))
        .isEqualTo(parse("[{\"row\": [\"a\", \"b\"]}, {\"row\": [\"c\", \"d\"]}]"));
  }

  @Test
  void anUnclosedQuoteIsReported() {
    var error = failure(fromText("{ \"operation\": \"csv\" }"), "[{\"content\": \"a\\n\\\"open\\n\"}]");

    assertThat(error.nodeName()).isEqualTo("Extract");
    assertThat(error.message()).contains("quoted field is not closed");
  }

  @Test
  void readsJsonTextAndBase64() {
    assertThat(extract("{ \"operation\": \"json\" }", "[{\"a\": 1}]")).isEqualTo(parse("[{\"data\": [{\"a\": 1}]}]"));
    assertThat(extract("{ \"operation\": \"text\", \"outputField\": \"body\" }", "hello")).isEqualTo(parse("[{\"body\": \"hello\"}]"));
    assertThat(extract("{ \"operation\": \"toBase64\" }", "This is text converted to base 64"))
        .isEqualTo(parse("[{\"data\": \"VGhpcyBpcyB0ZXh0IGNvbnZlcnRlZCB0byBiYXNlIDY0\"}]"));
  }

  @Test
  void badJsonIsReported() {
    var error = failure(fromText("{ \"operation\": \"json\" }"), "[{\"content\": \"{ nope\"}]");

    assertThat(error.message()).contains("not valid JSON");
  }

  @Test
  void readsAnHtmlTableInferringNumbers() {
    assertThat(extract("{ \"operation\": \"html\" }",
        "<table><tr><th>row_number</th><th>country</th><th>ok</th></tr><tr><td>2</td><td>uk</td><td>true</td></tr></table>"))
        .isEqualTo(parse("[{\"row_number\": 2, \"country\": \"uk\", \"ok\": true}]"));
  }

  @Test
  void aPageWithoutTableIsReported() {
    var error = failure(fromText("{ \"operation\": \"html\" }"), "[{\"content\": \"<p>no table</p>\"}]");

    assertThat(error.parameter()).isEqualTo("tableSelector");
  }

  @Test
  void roundTripsItemsThroughXlsx() {
    ExecutionResult r = ok("""
        { "name": "xlsx",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Write", "type": "weft.convertToFile", "parameters": { "operation": "xlsx", "sheetName": "Visits" } },
            { "name": "Read", "type": "weft.extractFromFile", "parameters": { "operation": "xlsx", "sheetName": "Visits" } } ],
          "connections": [ { "from": "Start", "to": "Write" }, { "from": "Write", "to": "Read" } ] }""",
        "[{\"row_number\": 2, \"country\": \"uk\", \"visits\": 1.5, \"vip\": true}, {\"row_number\": 3, \"country\": \"fr\"}]");

    assertThat(r.items("Write").get(0).binary().get("data").fileName()).isEqualTo("file.xlsx");
    assertThat(json(r.items("Read"))).isEqualTo(parse("""
        [{"row_number": 2, "country": "uk", "visits": 1.5, "vip": true}, {"row_number": 3, "country": "fr"}]"""));
  }

  @Test
  void roundTripsItemsThroughLegacyXls() {
    ExecutionResult r = ok("""
        { "name": "xls",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Write", "type": "weft.convertToFile", "parameters": { "operation": "xls" } },
            { "name": "Read", "type": "weft.extractFromFile",
              "parameters": { "operation": "xls", "includeEmptyCells": true } } ],
          "connections": [ { "from": "Start", "to": "Write" }, { "from": "Write", "to": "Read" } ] }""",
        "[{\"row_number\": 2, \"country\": \"uk\", \"visits\": 1.5}, {\"row_number\": 3, \"vip\": false}]");

    assertThat(r.items("Write").get(0).binary().get("data").mimeType()).isEqualTo("application/vnd.ms-excel");
    assertThat(json(r.items("Read"))).isEqualTo(parse("""
        [{"row_number": 2, "country": "uk", "visits": 1.5, "vip": null},
         {"row_number": 3, "country": null, "visits": null, "vip": false}]"""));
  }

  @Test
  void anUnknownSheetIsNamed() {
    var error = failure("""
        { "name": "xlsx",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Write", "type": "weft.convertToFile", "parameters": { "operation": "xlsx" } },
            { "name": "Read", "type": "weft.extractFromFile", "parameters": { "operation": "xlsx", "sheetName": "Nope" } } ],
          "connections": [ { "from": "Start", "to": "Write" }, { "from": "Write", "to": "Read" } ] }""", "[{\"a\": 1}]");

    assertThat(error.parameter()).isEqualTo("sheetName");
    assertThat(error.message()).contains("no sheet named 'Nope'");
  }

  @Test
  void aFileThatIsNotXlsxIsReported() {
    var error = failure(fromText("{ \"operation\": \"xlsx\" }"), "[{\"content\": \"plain text\"}]");

    assertThat(error.message()).contains("cannot be read");
  }

  @Test
  void aMissingBinaryPropertyIsNamed() {
    var error = failure(fromText("{ \"operation\": \"text\", \"binaryProperty\": \"file\" }"), "[{\"content\": \"x\"}]");

    assertThat(error.parameter()).isEqualTo("binaryProperty");
    assertThat(error.message()).contains("no binary property 'file'").contains("[data]");
  }
}
