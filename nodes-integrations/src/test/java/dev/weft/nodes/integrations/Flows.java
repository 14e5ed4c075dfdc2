package dev.weft.nodes.integrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.common.NetworkPolicy;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
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
    return engine(policy, binaries, List.of(), credentials);
  }

  /** An engine with extra test nodes. */
  public static Weft engine(NetworkPolicy policy, BinaryStore binaries, List<Node> extra, Credentials... credentials) {
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
    extra.forEach(b::node);
    return b.build();
  }

  /**
   * A workflow id {@code id}: trigger node {@code Trigger} of {@code type} with parameters and credentials, followed
   * by a {@link Record} node (and a {@link Fail} node when {@code fail}).
   */
  public static Workflow triggered(String id, String type, String parametersJson, String credentialsJson,
      boolean fail) {
    return Workflow.fromJson("""
        { "id": "%s", "name": "%s", "nodes": [
            { "name": "Trigger", "type": "%s", "parameters": %s, "credentials": %s },
            { "name": "Record", "type": "test.record" } %s ],
          "connections": [ { "from": "Trigger", "to": "Record" } %s ] }"""
        .formatted(id, id, type, parametersJson, credentialsJson,
            fail ? ", { \"name\": \"Fail\", \"type\": \"test.fail\" }" : "",
            fail ? ", { \"from\": \"Record\", \"to\": \"Fail\" }" : ""));
  }

  /** Records every item it gets (in {@link #seen}) and passes them on. */
  public static final class Record implements Node {
    /** Items seen, across executions. */
    public final List<Item> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.record").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      seen.addAll(context.items());
      return NodeOutput.of(context.items());
    }

    /** Waits until {@code count} items were seen, or 10 s. */
    public List<Item> await(int count) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 10_000;
      while (seen.size() < count && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      return List.copyOf(seen);
    }
  }

  /** Fails every execution that reaches it. */
  public static final class Fail implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.fail").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      throw new NodeException("failing on purpose");
    }
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
