package dev.weft.nodes.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part A's test engines: the integration pack with credentials given by the test, a binary store tests can fill, and
 * (unless told otherwise) a network policy allowing loopback, where the local test servers run.
 */
public final class Flows {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Flows() {}

  /** An engine allowing loopback addresses, with these credentials by id. */
  public static Weft engine(BinaryStore binaries, Credentials... credentials) {
    return engine(NetworkPolicy.allowPrivate(), binaries, credentials);
  }

  /** An engine with a network policy, a binary store and credentials by id. */
  public static Weft engine(NetworkPolicy policy, BinaryStore binaries, Credentials... credentials) {
    Weft.Builder b = Weft.builder().discoverNodePacks(false).nodePack(new IntegrationNodes())
        .binaryStore(binaries == null ? new InMemoryBinaryStore() : binaries)
        .credentials((id, type, node) -> {
          for (Credentials c : credentials) {
            if (c.id().equals(id) && c.type().equals(type)) {
              return c;
            }
          }
          throw new NodeException("no test credential " + id + " of type " + type);
        });
    if (policy != null) {
      b.service(NetworkPolicy.class, policy);
    }
    return b.build();
  }

  /** A workflow of one node called {@code Node}, with parameters (JSON) and credentials (JSON object or null). */
  public static Workflow single(String type, String parametersJson, String credentialsJson) {
    return Workflow.fromJson("""
        { "name": "test", "nodes": [ { "name": "Node", "type": "%s", "parameters": %s%s } ], "connections": [] }"""
        .formatted(type, parametersJson, credentialsJson == null ? "" : ", \"credentials\": " + credentialsJson));
  }

  /** Runs a one-node workflow on items. */
  public static ExecutionResult run(Weft weft, Workflow wf, List<Item> items) {
    return weft.run(wf, items);
  }

  /** Items from a JSON array of objects. */
  @SuppressWarnings("unchecked")
  public static List<Item> items(String jsonArray) {
    List<Item> items = new ArrayList<>();
    for (Object o : (List<Object>) parse(jsonArray)) {
      items.add(Item.of((Map<String, Object>) o));
    }
    return items;
  }

  /** The JSON of items. */
  public static List<Map<String, Object>> json(List<Item> items) {
    return items.stream().map(Item::json).toList();
  }

  /** Parses JSON. */
  public static Object parse(String json) {
    try {
      return longs(MAPPER.readValue(json, Object.class));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Whole numbers as {@code Long}, as the engine carries them in items. */
  @SuppressWarnings("unchecked")
  public static Object longs(Object v) {
    if (v instanceof Integer i) {
      return i.longValue();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new java.util.LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> copy.put(k, longs(x)));
      return copy;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Flows::longs).toList();
    }
    return v;
  }
}
