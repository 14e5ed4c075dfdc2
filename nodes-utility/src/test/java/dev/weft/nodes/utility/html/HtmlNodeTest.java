package dev.weft.nodes.utility.html;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import org.junit.jupiter.api.Test;

class HtmlNodeTest {
  private static final String PAGE = """
      <html><body>
        <h1> STARTING . . . </h1>
        <a class="nav" href="/one">One</a> <a class="nav" href="/two">Two <span class="ad">AD</span></a>
        <div id="box"><b>bold</b> text</div>
        <input name="q" value="weft">
      </body></html>""";

  private static ExecutionResult extract(String values, String extra, String itemJson) {
    return ok(single("HTML", "weft.html",
        "{ \"operation\": \"extract\", \"extractionValues\": " + values + extra + " }"), "[" + itemJson + "]");
  }

  @Test
  void extractsTextHtmlAttributesValuesAndArrays() {
    ExecutionResult r = extract("""
        [ { "key": "title", "cssSelector": "h1" },
          { "key": "box", "cssSelector": "#box", "returnValue": "html" },
          { "key": "firstLink", "cssSelector": "a.nav", "returnValue": "attribute", "attribute": "href" },
          { "key": "links", "cssSelector": "a.nav", "returnValue": "attribute", "attribute": "href", "returnArray": true },
          { "key": "names", "cssSelector": "a.nav", "returnArray": true, "skipSelectors": ".ad" },
          { "key": "query", "cssSelector": "input[name=q]", "returnValue": "value" },
          { "key": "missing", "cssSelector": "table", "returnValue": "attribute", "attribute": "id" } ]""",
        "", "{\"data\": " + quote(PAGE) + "}");

    assertThat(json(r.items("HTML")).get(0)).isEqualTo(parse("""
        { "title": "STARTING . . .", "box": "<b>bold</b> text", "firstLink": "/one", "links": ["/one", "/two"],
          "names": ["One", "Two"], "query": "weft", "missing": null }"""));
  }

  @Test
  void readsANestedField() {
    ExecutionResult r = extract("[ { \"key\": \"title\", \"cssSelector\": \"h1\" } ]", ", \"field\": \"body.html\"",
        "{\"body\": {\"html\": " + quote(PAGE) + "}}");

    assertThat(json(r.items("HTML"))).isEqualTo(parse("[{\"title\": \"STARTING . . .\"}]"));
  }

  @Test
  void keepsRawTextWhenCleanUpAndTrimAreOff() {
    ExecutionResult r = extract("[ { \"key\": \"title\", \"cssSelector\": \"h1\" } ]",
        ", \"trimValues\": false, \"cleanUpText\": false", "{\"data\": \"<h1> a\\n b </h1>\"}");

    assertThat(r.items("HTML").get(0).json().get("title")).isEqualTo(" a\n b ");
  }

  @Test
  void readsABinaryProperty() {
    ExecutionResult r = ok("""
        { "name": "html file",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "File", "type": "weft.convertToFile", "parameters": { "operation": "text", "sourceField": "page" } },
            { "name": "HTML", "type": "weft.html",
              "parameters": { "operation": "extract", "sourceType": "binary",
                              "extractionValues": [ { "key": "title", "cssSelector": "h1" } ] } } ],
          "connections": [ { "from": "Start", "to": "File" }, { "from": "File", "to": "HTML" } ] }""",
        "[{\"page\": " + quote(PAGE) + "}]");

    assertThat(json(r.items("HTML"))).isEqualTo(parse("[{\"title\": \"STARTING . . .\"}]"));
  }

  @Test
  void refusesAnInvalidSelector() {
    var error = failure(single("HTML", "weft.html",
        "{ \"extractionValues\": [ { \"key\": \"x\", \"cssSelector\": \"a[\" } ] }"), "[{\"data\": \"<a/>\"}]");

    assertThat(error.parameter()).isEqualTo("extractionValues");
    assertThat(error.message()).contains("'a['").contains("not a valid CSS selector");
  }

  @Test
  void aMissingSourceFieldIsNamed() {
    var error = failure(single("HTML", "weft.html",
        "{ \"extractionValues\": [ { \"key\": \"x\", \"cssSelector\": \"a\" } ] }"), "[{\"other\": 1}]");

    assertThat(error.parameter()).isEqualTo("field");
    assertThat(error.message()).contains("no field 'data'");
  }

  @Test
  void convertsAllItemsToOneTable() {
    ExecutionResult r = ok(single("HTML", "weft.html", """
        { "operation": "convertToTable", "capitalizeHeaders": true, "caption": "Orders", "tableAttributes": "class=\\"orders\\"" }"""),
        "[{\"id\": 1, \"name\": \"<Ada>\"}, {\"id\": 2, \"tags\": [\"x\"]}]");

    assertThat(r.items("HTML")).hasSize(1);
    assertThat(r.items("HTML").get(0).json().get("table")).isEqualTo(
        "<table class=\"orders\"><caption>Orders</caption><thead><tr><th>Id</th><th>Name</th><th>Tags</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>&lt;Ada&gt;</td><td></td></tr><tr><td>2</td><td></td><td>[&quot;x&quot;]</td></tr>"
            + "</tbody></table>");
  }
}
