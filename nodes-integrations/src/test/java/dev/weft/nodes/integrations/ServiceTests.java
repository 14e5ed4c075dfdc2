package dev.weft.nodes.integrations;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.binary.InMemoryBinaryStore;
import dev.weft.nodes.integrations.common.ApiClient;
import dev.weft.spi.BinaryStore;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.workflow.Workflow;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Runs service nodes in a real engine against a local server, with credentials given by the test. */
public final class ServiceTests {
  /** The binary store the engines of these tests share, so that tests can put files into items. */
  public static final BinaryStore BINARIES = new InMemoryBinaryStore();

  private ServiceTests() {}

  /** An engine with the integration nodes that resolves credentials from those given, by id. */
  public static Weft engine(Credentials... credentials) {
    return engine(b -> {}, credentials);
  }

  /** An engine as {@link #engine(Credentials...)} with more configuration. */
  public static Weft engine(Consumer<Weft.Builder> config, Credentials... credentials) {
    Weft.Builder b = Weft.builder().discoverNodePacks(false).nodePack(new IntegrationNodes()).binaryStore(BINARIES)
        .credentials((id, type, node) -> {
          for (Credentials c : credentials) {
            if (c.id().equals(id) && c.type().equals(type)) {
              return c;
            }
          }
          throw new NodeException("no test credential " + id + " of type " + type);
        });
    config.accept(b);
    return b.build();
  }

  /** Runs a workflow of one node (given as its JSON) with these input items. */
  public static ExecutionResult run(Weft weft, String nodeJson, List<Item> input) {
    String wf = "{ \"name\": \"test\", \"nodes\": [ " + nodeJson + " ], \"connections\": [] }";
    return weft.run(Workflow.fromJson(wf), input);
  }

  /** Runs a workflow of one node with one empty item. */
  public static ExecutionResult run(Weft weft, String nodeJson) {
    return run(weft, nodeJson, List.of(Item.empty()));
  }

  /** Items from a JSON array of objects. */
  @SuppressWarnings("unchecked")
  public static List<Item> items(String jsonArray) {
    List<Item> items = new ArrayList<>();
    for (Object o : (List<Object>) ApiClient.parse(jsonArray)) {
      items.add(Item.of((Map<String, Object>) o));
    }
    return items;
  }

  /** The JSON of items. */
  public static List<Map<String, Object>> json(List<Item> items) {
    return items.stream().map(Item::json).toList();
  }

  /** A JSON answer. */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().status("HTTP/1.1 " + code + " " + reason(code))
        .setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /** The reason phrase a service sends with a status. */
  public static String reason(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 402 -> "Payment Required";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /** Parsed JSON value. */
  public static Object parse(String json) {
    return ApiClient.parse(json);
  }

  /** Asserts that a JSON value equals the JSON text by value (numbers of any Java type, keys in any order). */
  public static void assertJson(Object actual, String expected) {
    Object want = parse(expected);
    if (!dev.weft.spi.Json.equal(actual, want)) {
      throw new AssertionError("expected JSON " + want + "\n but was " + actual);
    }
  }

  /** The request's body as JSON. */
  public static Object body(RecordedRequest request) {
    return ApiClient.parse(request.getBody().utf8());
  }

  /** The request's body as URL-encoded form fields, in order. */
  public static Map<String, String> form(RecordedRequest request) {
    return query(request.getBody().utf8());
  }

  /** Decodes {@code a=1&b=2}. */
  public static Map<String, String> query(String encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}
