package dev.weft.nodes.utility.io;

import dev.weft.nodes.utility.common.FlowDataHarness;

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
  public static final Weft WEFT = FlowDataHarness.engine();

  private Runs() {}

  /** A workflow JSON: a manual trigger "Start" into one node {@code name} of {@code type}. */
  public static String single(String name, String type, String parametersJson) {
    return FlowDataHarness.single(name, type, parametersJson);
  }

  /** Runs a workflow with input items given as a JSON array of objects. */
  public static ExecutionResult run(String workflowJson, String itemsJson) {
    return FlowDataHarness.run(workflowJson, itemsJson);
  }

  /** Runs and requires success, showing the error otherwise. */
  public static ExecutionResult ok(String workflowJson, String itemsJson) {
    return FlowDataHarness.succeed(workflowJson, itemsJson);
  }

  /** Runs and requires failure; returns the error. */
  public static dev.weft.ExecutionError failure(String workflowJson, String itemsJson) {
    return FlowDataHarness.fail(workflowJson, itemsJson);
  }

  /** Items from a JSON array of objects. */
  public static List<Item> items(String json) {
    return FlowDataHarness.items(json);
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
