package dev.weft.n8n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.nodes.utility.UtilityNodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceRunnerTest {

  /** The shared fixtures: the repository root's parent + /shared/conformance/n8n. */
  static Path fixtures() {
    Path module = Path.of("").toAbsolutePath();
    Path root = module.getFileName().toString().equals("engine-n8n") ? module.getParent() : module;
    return root.getParent().resolve("shared/conformance/n8n");
  }

  private static final ConformanceRunner RUNNER = ConformanceRunner.withNodePacks(List.of(new UtilityNodes()));

  @Test
  void atLeast85PercentOfN8nFixturesPass() throws IOException {
    Path dir = fixtures();
    assumeTrue(Files.isDirectory(dir), "the n8n fixtures are not at " + dir + "; skipping the conformance run");
    ConformanceReport report = RUNNER.check(dir);
    System.out.print(report.toText());
    assertThat(report.fixtures()).isNotEmpty();
    assertThat(report.passRate())
        .as("share of n8n fixtures passing (%s):%n%s", report.summaryLine(), report.toText())
        .isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void passesASmallWorkflowAndReportsTheFirstDifference(@TempDir Path dir) throws IOException {
    String workflow = """
        {"name": "t", "nodes": [
          {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "parameters": {}},
          {"name": "Data", "type": "n8n-nodes-base.code", "typeVersion": 2,
           "parameters": {"jsCode": "return [{a: 1}, {a: 2}]"}},
          {"name": "End", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "parameters": {}}],
         "connections": {"Start": {"main": [[{"node": "Data", "type": "main", "index": 0}]]},
                         "Data": {"main": [[{"node": "End", "type": "main", "index": 0}]]}},
         "settings": {"executionOrder": "v1"},
         "pinData": {"End": [{"json": {"a": 1}}, {"json": {"a": %s}}]}}
        """;
    Files.writeString(dir.resolve("good.json"), workflow.formatted("2"));
    Files.writeString(dir.resolve("bad.json"), workflow.formatted("3"));
    Files.writeString(dir.resolve("js.json"), workflow.formatted("2").replace("return [{a: 1}, {a: 2}]",
        "return $input.all()"));
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    ConformanceReport report = RUNNER.check(dir);
    assertThat(report.fixtures()).extracting(FixtureResult::name).containsExactly("bad.json", "good.json", "js.json");
    assertThat(report.fixtures().get(0).outcome()).isEqualTo(FixtureResult.Outcome.FAILED);
    assertThat(report.fixtures().get(0).detail()).isEqualTo("node 'End', run 0, item 1, $.a: expected 3, actual 2");
    assertThat(report.fixtures().get(1).outcome()).isEqualTo(FixtureResult.Outcome.PASSED);
    assertThat(report.fixtures().get(2).outcome()).isEqualTo(FixtureResult.Outcome.SKIPPED);
    assertThat(report.fixtures().get(2).detail()).contains("node 'Data'", "`return $input.all()`");
    assertThat(report.summaryLine()).isEqualTo("1 passed, 1 failed, 1 skipped");
  }

  @Test
  void fixedTextWithBracesSurvivesTheRoundTrip(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("braces.json"), """
        {"nodes": [
          {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1},
          {"name": "Edit", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "parameters": {"assignments":
            {"assignments": [{"name": "t", "type": "string", "value": "Hi {{ name }}"},
                             {"name": "e", "type": "string", "value": "={{ 'x}}' + 1 }}"}]}}}],
         "connections": {"Start": {"main": [[{"node": "Edit", "type": "main", "index": 0}]]}},
         "pinData": {"Edit": [{"json": {"t": "Hi {{ name }}", "e": "x}}1"}}]}}
        """);
    assertThat(RUNNER.check(dir).toText()).isEqualTo("PASS  braces.json\n1 passed, 0 failed, 0 skipped\n");
  }

  @Test
  void runsFromTheTriggerInput(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("hook.json"), """
        {"nodes": [{"name": "Hook", "type": "n8n-nodes-base.webhook", "typeVersion": 1,
           "parameters": {"httpMethod": "POST", "path": "x"}}],
         "connections": {},
         "trigger": {"mode": "webhook", "input": {"json": {"body": {"a": [1]}}}},
         "pinData": {"Hook": [{"json": {"body": {"a": [1]}}}]}}
        """);
    assertThat(RUNNER.check(dir).summaryLine()).isEqualTo("1 passed, 0 failed, 0 skipped");
  }

  @Test
  void theCheckCommandPrintsOneLinePerFixtureAndTheSummary(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.json"), "{\"nodes\": 1}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = N8nCli.check(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(N8nCli.FAILURES);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(
        "FAIL  broken.json: n8n workflow 'Imported n8n workflow' cannot be imported: 'nodes' must be a list of n8n "
            + "nodes\n0 passed, 1 failed, 0 skipped\n");
  }
}
