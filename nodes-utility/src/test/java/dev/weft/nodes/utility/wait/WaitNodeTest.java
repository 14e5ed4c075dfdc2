package dev.weft.nodes.utility.wait;

import static dev.weft.nodes.utility.io.Runs.items;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.nodes.utility.UtilityNodes;
import dev.weft.workflow.Workflow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitNodeTest {
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
  private final Weft weft = Weft.builder().nodePack(new UtilityNodes()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  @AfterEach
  void close() throws Exception {
    weft.close();
  }

  private static String workflow(String waitParameters) {
    return """
        { "name": "wait", "settings": { "timezone": "UTC" },
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "Wait", "type": "weft.wait", "parameters": %s },
            { "name": "After", "type": "weft.noOp" } ],
          "connections": [ { "from": "Start", "to": "Wait" }, { "from": "Wait", "to": "After" } ] }
        """.formatted(waitParameters);
  }

  private ExecutionResult run(String parameters) {
    return weft.run(Workflow.fromJson(workflow(parameters)), items("[{\"order\": 7}]"));
  }

  @Test
  void aTimeIntervalSuspendsUntilThatTime() {
    ExecutionResult r = run("{ \"resume\": \"timeInterval\", \"amount\": 42, \"unit\": \"seconds\" }");

    assertThat(r.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(r.waitUntil()).isEqualTo(NOW.plusSeconds(42));
    assertThat(r.runs("After")).isEmpty();
  }

  @Test
  void fractionalAmountsAreKept() {
    ExecutionResult r = run("{ \"resume\": \"timeInterval\", \"amount\": 1.5, \"unit\": \"hours\" }");

    assertThat(r.waitUntil()).isEqualTo(NOW.plusSeconds(5400));
  }

  @Test
  void aSpecificTimeWithoutOffsetIsReadInTheWorkflowZone() {
    ExecutionResult r = run("{ \"resume\": \"specificTime\", \"dateTime\": \"2025-01-02T09:30:00\" }");

    assertThat(r.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(r.waitUntil()).isEqualTo(Instant.parse("2025-01-02T09:30:00Z"));
  }

  @Test
  void aSpecificTimeInThePastContinuesAtOnce() {
    ExecutionResult r = run("{ \"resume\": \"specificTime\", \"dateTime\": \"2024-12-31T23:00:00+00:00\" }");

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.items("After"))).isEqualTo(parse("[{\"order\": 7}]"));
  }

  @Test
  void anOutsideCallResumesWithThePayloadMergedIntoEachItem() throws Exception {
    ExecutionResult waiting = run("{ \"resume\": \"call\" }");
    assertThat(waiting.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(waiting.waitUntil()).isNull();

    ExecutionResult resumed = weft.resume(waiting.executionId(), Map.of("body", Map.of("approved", true)));

    assertThat(resumed.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(resumed.items("After"))).isEqualTo(parse("[{\"order\": 7, \"body\": {\"approved\": true}}]"));
  }

  @Test
  void anOutsideCallCanHaveATimeLimit() {
    ExecutionResult r = run("""
        { "resume": "call", "limitWaitTime": true, "limitType": "afterTimeInterval", "limitAmount": 2, "limitUnit": "hours" }""");

    assertThat(r.status()).isEqualTo(ExecutionStatus.WAITING);
    assertThat(r.waitUntil()).isEqualTo(NOW.plusSeconds(7200));
  }

  @Test
  void refusesANegativeAmount() {
    ExecutionResult r = run("{ \"resume\": \"timeInterval\", \"amount\": -5, \"unit\": \"seconds\" }");

    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().nodeName()).isEqualTo("Wait");
    assertThat(r.error().message()).contains("0 or more").contains("-5");
  }

  @Test
  void refusesADateItCannotRead() {
    ExecutionResult r = run("{ \"resume\": \"specificTime\", \"dateTime\": \"next tuesday\" }");

    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("'next tuesday'").contains("ISO 8601");
  }
}
