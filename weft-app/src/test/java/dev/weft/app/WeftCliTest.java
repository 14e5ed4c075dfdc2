package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.internal.Jackson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeftCliTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private static final String DOUBLER = """
      {"name": "double", "nodes": [
        {"name": "Start", "type": "weft.manualTrigger"},
        {"name": "Double", "type": "weft.set", "parameters": {"mode": "manual", "fields": [
          {"name": "twice", "type": "number", "value": "{{ $json.n * 2 }}"}]}}],
       "connections": [{"from": "Start", "to": "Double"}]}
      """;

  @Test
  @SuppressWarnings("unchecked")
  void runPrintsTheResultAsJson() throws Exception {
    Path data = dir.resolve("data");
    int code = WeftCli.execute("run", file("wf.json", DOUBLER).toString(), "--input", "[{\"n\": 2}, {\"n\": 5}]",
        "--data", data.toString());
    assertThat(code).as(stderr()).isZero();
    Map<String, Object> result = Jackson.parseObject(stdout());
    try (var stores = dev.weft.persistence.jdbc.JdbcStores.open(dev.weft.persistence.jdbc.JdbcConfig.h2(data))) {
      var record = stores.executions().get((String) result.get("executionId")).orElseThrow();
      assertThat(record.status()).isEqualTo(dev.weft.store.ExecutionRecord.Status.SUCCESS);
      assertThat(record.workflowName()).isEqualTo("double");
    }
    assertThat(result.get("status")).isEqualTo("success");
    assertThat(result.get("output")).isEqualTo(List.of(Map.of("n", 2L, "twice", 4L), Map.of("n", 5L, "twice", 10L)));
    assertThat((Map<String, Object>) result.get("nodes")).containsKeys("Start", "Double");
  }

  @Test
  void runReadsInputFromAFile() throws Exception {
    Path input = file("input.json", "{\"n\": 21}");
    assertThat(WeftCli.execute("run", file("wf.json", DOUBLER).toString(), "--input", "@" + input, "--in-memory"))
        .isZero();
    assertThat(stdout()).contains("\"twice\" : 42");
  }

  @Test
  void aFailedExecutionExitsWithOneAndExplainsOnStderr() throws Exception {
    Path wf = file("fail.json", """
        {"name": "fail", "nodes": [{"name": "Start", "type": "weft.manualTrigger"},
          {"name": "Stop", "type": "weft.stopAndError", "parameters": {"message": "out of stock"}}],
         "connections": [{"from": "Start", "to": "Stop"}]}
        """);
    assertThat(WeftCli.execute("run", wf.toString(), "--in-memory")).isEqualTo(1);
    assertThat(stdout()).contains("\"status\" : \"error\"");
    assertThat(stderr()).contains("failed: node 'Stop' (weft.stopAndError) failed").contains("out of stock");
  }

  @Test
  void invalidInputExitsWithTwo() throws Exception {
    assertThat(WeftCli.execute("run", dir.resolve("missing.json").toString())).isEqualTo(2);
    assertThat(stderr()).contains("no such file");
    assertThat(WeftCli.execute("run", file("bad.json", "{ not json").toString())).isEqualTo(2);
    assertThat(stderr()).contains("malformed JSON at line 1");
    Path unknown = file("unknown.json", """
        {"name": "u", "nodes": [{"name": "Start", "type": "weft.manualTrigger"}, {"name": "X", "type": "weft.sett"}],
         "connections": [{"from": "Start", "to": "X"}]}
        """);
    assertThat(WeftCli.execute("run", unknown.toString(), "--in-memory")).isEqualTo(2);
    assertThat(stderr()).contains("node 'X': unknown node type 'weft.sett'; did you mean weft.set or ");
    assertThat(WeftCli.execute("run", file("ok.json", DOUBLER).toString(), "--input", "[1]", "--in-memory"))
        .isEqualTo(2);
    assertThat(stderr()).contains("--input[0] must be a JSON object");
  }

  @Test
  void validateListsEveryProblem() throws Exception {
    Path wf = file("v.json", """
        {"name": "v", "nodes": [{"name": "Start", "type": "weft.manualTrigger"},
          {"name": "Set", "type": "weft.set", "parameters": {"mode": "sideways"}}],
         "connections": [{"from": "Start", "to": "Set"}]}
        """);
    assertThat(WeftCli.execute("validate", wf.toString())).isEqualTo(2);
    assertThat(stderr()).contains("node 'Set', parameter 'mode': 'sideways' is not one of");
    assertThat(WeftCli.execute("validate", file("ok.json", DOUBLER).toString())).isZero();
    assertThat(stdout()).contains("valid (2 nodes)");
  }

  @Test
  void n8nImportPrintsTheWeftWorkflow() throws Exception {
    Path n8n = file("n8n.json", """
        {"name": "from n8n", "nodes": [
          {"name": "When clicking", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0],
           "parameters": {}},
          {"name": "Edit", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0],
           "parameters": {"assignments": {"assignments": [
             {"id": "1", "name": "twice", "value": "={{ $json.n * 2 }}", "type": "number"}]}, "options": {}}}],
         "connections": {"When clicking": {"main": [[{"node": "Edit", "type": "main", "index": 0}]]}}}
        """);
    assertThat(WeftCli.execute("n8n", "import", n8n.toString())).as(stderr()).isZero();
    assertThat(stdout()).contains("\"type\" : \"weft.set\"").contains("$json.n");
  }

  @Test
  void nodesListsTheBundledNodeTypes() {
    assertThat(WeftCli.execute("nodes")).isZero();
    assertThat(stdout()).contains("weft.set v1").contains("weft.merge v1").contains("weft.dateTime v1");
  }
}
