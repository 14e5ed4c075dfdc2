package dev.weft.nodes.integrations.http;

import static dev.weft.nodes.integrations.Flows.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.integrations.Flows;
import dev.weft.spi.Item;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class CurlParserTest {

  @Test
  void readsAPlainGet() {
    assertThat(CurlParser.parse("curl https://api.example.com/v1/users?page=2"))
        .isEqualTo(parse("""
            { "method": "GET", "url": "https://api.example.com/v1/users?page=2", "options": { "followRedirects": false } }"""));
  }

  @Test
  void readsAJsonPostWithHeadersAcrossContinuedLines() {
    Map<String, Object> p = CurlParser.parse("""
        curl -X POST 'https://api.example.com/v1/orders' \\
          -H 'Authorization: Bearer abc' \\
          -H "Content-Type: application/json" \\
          -d '{"item": "book", "qty": 2, "note": "it\\'s"}' -L --max-time 2.5""".replace("\\'s", "s"));
    assertThat(Flows.longs(p)).isEqualTo(parse("""
        { "method": "POST", "url": "https://api.example.com/v1/orders", "bodyType": "json",
          "jsonBody": { "item": "book", "qty": 2, "note": "its" },
          "headers": [ { "name": "Authorization", "value": "Bearer abc" } ],
          "options": { "followRedirects": true, "timeoutMs": 2500 } }"""));
  }

  @Test
  void readsJsonShortcutAndInlineOptionValues() {
    Map<String, Object> p = CurlParser.parse("curl --json '{\"a\":[1,2]}' --url=https://x.test/j -HX-Id:7");
    assertThat(Flows.longs(p)).isEqualTo(parse("""
        { "method": "POST", "url": "https://x.test/j", "bodyType": "json", "jsonBody": { "a": [1, 2] },
          "headers": [ { "name": "X-Id", "value": "7" }, { "name": "Accept", "value": "application/json" } ],
          "options": { "followRedirects": false } }"""));
  }

  @Test
  void readsFormDataAndUrlencodedParts() {
    Map<String, Object> p = CurlParser.parse("curl https://x.test/f -d name=Ada%20L -d 'lang=en' --data-urlencode 'q=a&b c'");
    assertThat(p.get("bodyType")).isEqualTo("form");
    assertThat(p.get("formFields")).isEqualTo(parse("""
        [ { "name": "name", "value": "Ada L" }, { "name": "lang", "value": "en" }, { "name": "q", "value": "a&b c" } ]"""));
    assertThat(p.get("method")).isEqualTo("POST");
  }

  @Test
  void turnsDataIntoAQueryWithGet() {
    Map<String, Object> p = CurlParser.parse("curl -G https://x.test/s -d q=weft -d n=5");
    assertThat(p.get("method")).isEqualTo("GET");
    assertThat(p.get("url")).isEqualTo("https://x.test/s?q=weft&n=5");
    assertThat(p).doesNotContainKey("bodyType");
  }

  @Test
  void readsMultipartWithFilesAndBasicAuth() {
    Map<String, Object> p = CurlParser.parse(
        "curl -u ada:pw -F title=Report -F file=@report.pdf -F 'thumb=@t.png;type=image/png' https://x.test/u");
    assertThat(p.get("bodyType")).isEqualTo("multipart");
    assertThat(p.get("multipartFields")).isEqualTo(parse("""
        [ { "name": "title", "kind": "text", "value": "Report" },
          { "name": "file", "kind": "binary", "binaryProperty": "data" },
          { "name": "thumb", "kind": "binary", "binaryProperty": "data1" } ]"""));
    assertThat(p.get("headers")).isEqualTo(parse("[ { \"name\": \"Authorization\", \"value\": \"Basic YWRhOnB3\" } ]"));
  }

  @Test
  void keepsOtherBodiesRawAndReadsAnsiCStrings() {
    Map<String, Object> p = CurlParser.parse("curl -X PUT https://x.test/r -H 'Content-Type: text/csv' --data-binary $'a,b\\n1,2'");
    assertThat(p.get("bodyType")).isEqualTo("raw");
    assertThat(p.get("rawBody")).isEqualTo("a,b\n1,2");
    assertThat(p.get("rawContentType")).isEqualTo("text/csv");
    assertThat(p).doesNotContainKey("headers");
  }

  @Test
  void headIsAMethodAndHarmlessFlagsAreIgnored() {
    Map<String, Object> p = CurlParser.parse("curl -sS -I --compressed -o /dev/null https://x.test/h");
    assertThat(p.get("method")).isEqualTo("HEAD");
    assertThat(p.get("url")).isEqualTo("https://x.test/h");
  }

  @Test
  void refusesWhatItCannotCarryOver() {
    assertThatThrownBy(() -> CurlParser.parse("wget https://x.test")).hasMessageContaining("starts with 'curl'");
    assertThatThrownBy(() -> CurlParser.parse("curl -X POST")).hasMessageContaining("no URL");
    assertThatThrownBy(() -> CurlParser.parse("curl 'https://x.test")).hasMessageContaining("unclosed single quote");
    assertThatThrownBy(() -> CurlParser.parse("curl -d @body.json https://x.test"))
        .hasMessageContaining("-d @body.json reads a local file");
    assertThatThrownBy(() -> CurlParser.parse("curl --proxy http://p:1 https://x.test"))
        .hasMessageContaining("--proxy is not supported");
    assertThatThrownBy(() -> CurlParser.parse("curl -H"))
        .hasMessageContaining("-H needs a value");
  }

  @Test
  void anImportedCommandRunsAsTheSameRequest() throws Exception {
    try (MockWebServer server = new MockWebServer(); Weft weft = Flows.engine(null)) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body("{\"created\": true}").build());
      Map<String, Object> params = CurlParser.parse("curl -X POST " + server.url("/v1/items?x=1")
          + " -H 'X-Key: k1' -H 'Content-Type: application/json' -d '{\"name\": \"weft\"}'");
      String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(params);
      ExecutionResult r = weft.run(Flows.single("weft.httpRequest", json, null), List.of(Item.empty()));

      assertThat(r.error()).isNull();
      assertThat(r.items("Node").get(0).json()).isEqualTo(Map.of("created", true));
      RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
      assertThat(req.getMethod()).isEqualTo("POST");
      assertThat(req.getTarget()).isEqualTo("/v1/items?x=1");
      assertThat(req.getHeaders().get("X-Key")).isEqualTo("k1");
      assertThat(req.getHeaders().get("Content-Type")).isEqualTo("application/json");
      assertThat(req.getBody().utf8()).isEqualTo("{\"name\":\"weft\"}");
    }
  }
}
