package dev.weft.nodes.utility.file;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.spi.BinaryData;
import org.junit.jupiter.api.Test;

/** Files are checked by reading them back as text with Extract from File, as the engine's store holds them. */
class ConvertToFileNodeTest {
  static final String ITEMS = """
      [{"id": 1, "name": "Ada, Countess", "note": "said \\"hi\\""}, {"id": 2, "name": "Linus", "tags": ["a", "b"]}]""";

  /** Start → Convert (parameters) → Read (extract as text). */
  static String convertThenRead(String convertParameters) {
    return """
        { "name": "convert",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Convert", "type": "weft.convertToFile", "parameters": %s },
            { "name": "Read", "type": "weft.extractFromFile", "parameters": { "operation": "text", "stripBom": false } } ],
          "connections": [ { "from": "Start", "to": "Convert" }, { "from": "Convert", "to": "Read" } ] }
        """.formatted(convertParameters);
  }

  private static Object text(ExecutionResult r) {
    return r.items("Read").get(0).json().get("data");
  }

  @Test
  void writesAllItemsAsOneCsvFileWithQuoting() {
    ExecutionResult r = ok(convertThenRead("{ \"operation\": \"csv\" }"), ITEMS);

    assertThat(r.items("Convert")).hasSize(1);
    BinaryData file = r.items("Convert").get(0).binary().get("data");
    assertThat(file.fileName()).isEqualTo("file.csv");
    assertThat(file.mimeType()).isEqualTo("text/csv");
    assertThat(r.items("Convert").get(0).json()).isEmpty();
    assertThat(text(r)).isEqualTo("id,name,note,tags\n1,\"Ada, Countess\",\"said \"\"hi\"\"\",\n2,Linus,,\"[\"\"a\"\",\"\"b\"\"]\"\n");
  }

  @Test
  void csvTakesADelimiterAByteOrderMarkAndAFileName() {
    ExecutionResult r = ok(convertThenRead("""
        { "operation": "csv", "delimiter": "|", "includeBom": true, "headerRow": false, "fileName": "out.csv",
          "binaryProperty": "data" }"""), "[{\"a\": \"x|y\", \"b\": 2}]");

    assertThat(r.items("Convert").get(0).binary().get("data").fileName()).isEqualTo("out.csv");
    assertThat(text(r)).isEqualTo("\uFEFF\"x|y\"|2\n");
  }

  @Test
  void writesJsonOfAllItemsOrOneFilePerItem() {
    assertThat(text(ok(convertThenRead("{ \"operation\": \"json\" }"), "[{\"a\": 1}, {\"a\": 2}]")))
        .isEqualTo("[{\"a\":1},{\"a\":2}]");
    assertThat(text(ok(convertThenRead("{ \"operation\": \"json\", \"pretty\": true }"),
        "[{\"a\": 1, \"b\": [], \"c\": {}}]")))
        .isEqualTo("[\n  {\n    \"a\": 1,\n    \"b\": [],\n    \"c\": {}\n  }\n]");

    ExecutionResult each = ok(convertThenRead("{ \"operation\": \"json\", \"jsonMode\": \"eachItem\", \"keepJson\": true }"),
        "[{\"a\": 1}, {\"a\": 2}]");
    assertThat(json(each.items("Convert"))).isEqualTo(parse("[{\"a\": 1}, {\"a\": 2}]"));
    assertThat(json(each.items("Read"))).isEqualTo(parse("[{\"data\": \"{\\\"a\\\":1}\"}, {\"data\": \"{\\\"a\\\":2}\"}]"));
  }

  @Test
  void writesTextAndBase64FieldsAsFiles() {
    assertThat(json(ok(convertThenRead("{ \"operation\": \"text\", \"sourceField\": \"notes\" }"),
        "[{\"notes\": \"Keeps asking about a green light??\"}]").items("Read")))
        .isEqualTo(parse("[{\"data\": \"Keeps asking about a green light??\"}]"));

    ExecutionResult r = ok(convertThenRead(
        "{ \"operation\": \"fromBase64\", \"sourceField\": \"b64\", \"mimeType\": \"text/plain\", \"fileName\": \"a.txt\" }"),
        "[{\"b64\": \"VGhpcyBpcyBzb21lIHRleHQgZW5jb2RlZCBhcyBiYXNlNjQ=\"}]");
    assertThat(text(r)).isEqualTo("This is some text encoded as base64");
    assertThat(r.items("Convert").get(0).binary().get("data").mimeType()).isEqualTo("text/plain");
  }

  @Test
  void writesAnHtmlTable() {
    assertThat(text(ok(convertThenRead("{ \"operation\": \"html\" }"), "[{\"a\": \"<x>\", \"b\": 1}]")))
        .isEqualTo("<html><head><meta charset=\"UTF-8\"/></head><body><table><tr><th>a</th><th>b</th></tr>"
            + "<tr><td>&lt;x&gt;</td><td>1</td></tr></table></body></html>");
  }

  @Test
  void refusesBadBase64() {
    var error = failure(single("Convert", "weft.convertToFile",
        "{ \"operation\": \"fromBase64\", \"sourceField\": \"b64\" }"), "[{\"b64\": \"***\"}]");

    assertThat(error.parameter()).isEqualTo("sourceField");
    assertThat(error.message()).contains("not base64");
  }

  @Test
  void refusesALongDelimiter() {
    var error = failure(single("Convert", "weft.convertToFile", "{ \"operation\": \"csv\", \"delimiter\": \";;\" }"), "[{}]");

    assertThat(error.parameter()).isEqualTo("delimiter");
  }

  @Test
  void aMissingSourceFieldIsNamed() {
    var error = failure(single("Convert", "weft.convertToFile", "{ \"operation\": \"text\", \"sourceField\": \"body\" }"),
        "[{\"other\": 1}]");

    assertThat(error.message()).contains("no field 'body'");
  }
}
