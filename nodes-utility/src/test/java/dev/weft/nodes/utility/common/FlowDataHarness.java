package dev.weft.nodes.utility.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.nodes.utility.UtilityNodes;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs workflows of the flow and data nodes through the real engine and compares items by JSON value (key order
 * ignored, {@code 1} equal to {@code 1L}).
 */
public final class FlowDataHarness {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final Weft WEFT = Weft.builder().nodePack(new UtilityNodes()).build();

  private FlowDataHarness() {}

  /** The engine every node test in this module shares. */
  public static Weft engine() {
    return WEFT;
  }

  /** A workflow: a manual trigger named Start connected to one node named {@code name}. */
  public static String single(String name, String type, String parametersJson) {
    return """
        { "name": "test %s",
          "nodes": [
            { "name": "Start", "type": "weft.manualTrigger" },
            { "name": "%s", "type": "%s", "parameters": %s } ],
          "connections": [ { "from": "Start", "to": "%s" } ] }
        """.formatted(type, name, type, parametersJson, name);
  }

  /** Runs a workflow with these input items (a JSON array of objects) given to its trigger. */
  public static ExecutionResult run(String workflowJson, String inputItemsJson) {
    return WEFT.run(Workflow.fromJson(workflowJson), items(inputItemsJson));
  }

  /** Runs a workflow with one empty item. */
  public static ExecutionResult run(String workflowJson) {
    return WEFT.run(Workflow.fromJson(workflowJson), List.of(Item.empty()));
  }

  /** Runs and asserts success, naming the error otherwise. */
  public static ExecutionResult succeed(String workflowJson, String inputItemsJson) {
    ExecutionResult r = run(workflowJson, inputItemsJson);
    if (r.status() != ExecutionStatus.SUCCESS) {
      throw new AssertionError("expected success, got " + r.status() + ": " + r.error());
    }
    return r;
  }

  /** Runs and asserts failure; returns the error message. */
  public static dev.weft.ExecutionError fail(String workflowJson, String inputItemsJson) {
    ExecutionResult r = run(workflowJson, inputItemsJson);
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

  /** A JSON value, normalized for comparison. */
  public static Object parse(String json) {
    try {
      return normalize(MAPPER.readValue(json, Object.class));
    } catch (Exception e) {
      throw new IllegalArgumentException("bad JSON in test: " + e.getMessage(), e);
    }
  }

  /** The items' JSON, normalized for comparison with {@link #parse(String)}. */
  public static Object json(List<Item> items) {
    List<Object> out = new ArrayList<>();
    for (Item item : items) {
      out.add(normalize(item.json()));
    }
    return out;
  }

  private static Object normalize(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(normalize(v)));
      return out;
    }
    if (value instanceof Number n) {
      return Json.normalize(n);
    }
    return value;
  }
}
