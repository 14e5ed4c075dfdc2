package dev.weft.nodes.utility.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.nodes.utility.UtilityNodes;
import dev.weft.spi.Item;
import dev.weft.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs workflows of the files, formats and sub-workflow nodes through the real engine. */
public final class Runs {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  /** One engine with the utility pack, shared by the tests. */
  public static final Weft WEFT = Weft.builder().nodePack(new UtilityNodes()).build();

  private Runs() {}

  /** A workflow JSON: a manual trigger "Start" into one node {@code name} of {@code type}. */
  public static String single(String name, String type, String parametersJson) {
    return """
        { "name": "test %s",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "%s", "type": "%s", "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "%s" } ] }
        """.formatted(type, name, type, parametersJson, name);
  }

  /** Runs a workflow with input items given as a JSON array of objects. */
  public static ExecutionResult run(String workflowJson, String itemsJson) {
    return WEFT.run(Workflow.fromJson(workflowJson), items(itemsJson));
  }

  /** Runs and requires success, showing the error otherwise. */
  public static ExecutionResult ok(String workflowJson, String itemsJson) {
    ExecutionResult r = run(workflowJson, itemsJson);
    if (r.status() != ExecutionStatus.SUCCESS) {
      throw new AssertionError("expected success, got " + r.status() + ": " + r.error());
    }
    return r;
  }

  /** Runs and requires failure; returns the error. */
  public static dev.weft.ExecutionError failure(String workflowJson, String itemsJson) {
    ExecutionResult r = run(workflowJson, itemsJson);
    if (r.status() != ExecutionStatus.ERROR) {
      throw new AssertionError("expected an error, got " + r.status() + " with output " + r.output());
    }
    return r.error();
  }

  /** Items from a JSON array of objects. */
  @SuppressWarnings("unchecked")
  public static List<Item> items(String json) {
    List<Item> out = new ArrayList<>();
    for (Object o : (List<Object>) parse(json)) {
      out.add(Item.of((Map<String, Object>) o));
    }
    return out;
  }

  /** The JSON objects of items. */
  public static List<Map<String, Object>> json(List<Item> items) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Item item : items) {
      out.add(item.json());
    }
    return out;
  }

  /** A JSON value (integers as Long). */
  public static Object parse(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad JSON in test: " + e.getMessage(), e);
    }
  }

  /** JSON text of a string, quoted and escaped, for putting values into workflow text blocks. */
  public static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
