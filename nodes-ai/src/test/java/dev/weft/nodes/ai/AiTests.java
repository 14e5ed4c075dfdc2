package dev.weft.nodes.ai;

import dev.weft.ExecutionResult;
import dev.weft.Weft;
import dev.weft.nodes.ai.internal.JsonText;
import dev.weft.nodes.ai.model.ModelProviders;
import dev.weft.spi.Credentials;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeException;
import dev.weft.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Test support of the AI pack: recorded provider answers from {@code src/test/resources}, scripted OpenAI answers,
 * engines whose model credentials point at a local {@link MockWebServer}.
 */
public final class AiTests {
  /** The API key of the test credentials; it must never show in outputs, errors or events. */
  public static final String OPENAI_KEY = "sk-test-SECRET-0123456789";
  /** The Anthropic key of the test credentials. */
  public static final String ANTHROPIC_KEY = "sk-ant-test-SECRET-9876543210";

  private AiTests() {}

  /** A resource's text. */
  public static String resource(String path) {
    try (InputStream in = AiTests.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON answer. */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** An event-stream answer. */
  public static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream; charset=utf-8")
        .body(body).build();
  }

  /** A scripted OpenAI chat completion answering with text. */
  public static MockResponse answer(String text) {
    return json(200, completion(Map.of("role", "assistant", "content", text), "stop"));
  }

  /** A scripted OpenAI chat completion calling one tool per pair of name and JSON arguments. */
  public static MockResponse toolCalls(String... namesAndArguments) {
    List<Object> calls = new ArrayList<>();
    for (int i = 0; i < namesAndArguments.length; i += 2) {
      calls.add(Map.of("id", "call_" + Integer.toHexString((namesAndArguments[i] + i).hashCode()), "type", "function",
          "function", Map.of("name", namesAndArguments[i], "arguments", namesAndArguments[i + 1])));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", null);
    message.put("tool_calls", calls);
    return json(200, completion(message, "tool_calls"));
  }

  private static String completion(Map<String, Object> message, String finish) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finish);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-test");
    body.put("object", "chat.completion");
    body.put("created", 1741570283);
    body.put("model", "gpt-4o-mini-2024-07-18");
    body.put("choices", List.of(choice));
    body.put("usage", Map.of("prompt_tokens", 50, "completion_tokens", 10, "total_tokens", 60));
    return JsonText.write(body);
  }

  /** A request's JSON body. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(RecordedRequest request) {
    try {
      return (Map<String, Object>) JsonText.parse(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The messages of a chat request. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> messages(RecordedRequest request) {
    return (List<Map<String, Object>>) body(request).get("messages");
  }

  /** OpenAI-compatible credentials {@code openai-1} for the server. */
  public static Credentials openAi(MockWebServer server) {
    return new Credentials("openai-1", ModelProviders.OPENAI, Map.of("apiKey", OPENAI_KEY,
        "baseUrl", server.url("/v1").toString(),
        "headers", List.of(Map.of("name", "HTTP-Referer", "value", "https://weft.dev"))));
  }

  /** Anthropic credentials {@code anthropic-1} for the server. */
  public static Credentials anthropic(MockWebServer server) {
    return new Credentials("anthropic-1", ModelProviders.ANTHROPIC, Map.of("apiKey", ANTHROPIC_KEY,
        "baseUrl", server.url("/v1").toString()));
  }

  /** An engine with the AI pack, extra nodes, and these credentials by id. */
  public static Weft engine(Consumer<Weft.Builder> config, List<Node> extra, Credentials... credentials) {
    Weft.Builder b = Weft.builder().discoverNodePacks(false).nodePack(new AiNodes())
        .credentials((id, type, node) -> {
          for (Credentials c : credentials) {
            if (c.id().equals(id) && c.type().equals(type)) {
              return c;
            }
          }
          throw new NodeException("no test credential " + id + " of type " + type);
        });
    extra.forEach(b::node);
    config.accept(b);
    return b.build();
  }

  /** Runs a workflow of one node (given as JSON) with these items. */
  public static ExecutionResult run(Weft weft, String nodeJson, List<Item> input) {
    return weft.run(Workflow.fromJson("{ \"name\": \"ai test\", \"nodes\": [ " + nodeJson
        + " ], \"connections\": [] }"), input);
  }
}
