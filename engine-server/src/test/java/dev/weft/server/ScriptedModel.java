package dev.weft.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A language model for the server's AI tests: a {@link MockWebServer} answering OpenAI chat completions from a script,
 * and the {@code weft.openAiApi} credential that points the AI nodes at it.
 */
final class ScriptedModel implements AutoCloseable {
  /** The API key of the credential; it must never show in events, pages or API answers. */
  static final String API_KEY = "sk-test-SERVER-SECRET-4242";

  final MockWebServer server = new MockWebServer();

  ScriptedModel() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL the credential names. */
  String baseUrl() {
    return server.url("/v1").toString();
  }

  /** Queues an answer in text. */
  ScriptedModel answer(String text) {
    server.enqueue(completion(Map.of("role", "assistant", "content", text), "stop"));
    return this;
  }

  /** Queues an answer calling one tool per pair of name and JSON arguments. */
  ScriptedModel callTools(String... namesAndArguments) {
    List<Object> calls = new ArrayList<>();
    for (int i = 0; i < namesAndArguments.length; i += 2) {
      calls.add(Map.of("id", "call_" + (server.getRequestCount() + i), "type", "function",
          "function", Map.of("name", namesAndArguments[i], "arguments", namesAndArguments[i + 1])));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", null);
    message.put("tool_calls", calls);
    server.enqueue(completion(message, "tool_calls"));
    return this;
  }

  private static MockResponse completion(Map<String, Object> message, String finish) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", finish);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", "chatcmpl-server-test");
    body.put("object", "chat.completion");
    body.put("created", 1741570283);
    body.put("model", "gpt-4o-mini-2024-07-18");
    body.put("choices", List.of(choice));
    body.put("usage", Map.of("prompt_tokens", 50, "completion_tokens", 10, "total_tokens", 60));
    try {
      return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
          .body(Http.JSON.writeValueAsString(body)).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next chat request's messages as {@code role: content} lines. */
  @SuppressWarnings("unchecked")
  List<String> nextMessages() throws Exception {
    RecordedRequest request = server.takeRequest(20, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the model got no request within 20 s");
    }
    Map<String, Object> body = Http.JSON.readValue(request.getBody().utf8(), Map.class);
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) body.get("messages")) {
      lines.add(m.get("role") + ": " + m.get("content"));
    }
    return lines;
  }

  /** Creates the credential for this model as the user; returns its id. */
  String credential(Http user) {
    Http.Res r = user.post("/api/credentials", Map.of("name", "Scripted model", "type", "weft.openAiApi",
        "values", Map.of("apiKey", API_KEY, "baseUrl", baseUrl())));
    if (r.status() != 201) {
      throw new AssertionError("creating the model credential failed: " + r);
    }
    return (String) r.body().get("id");
  }

  /** A node of type Agent (gpt-4o-mini over the credential) with these extra parameters. */
  static Map<String, Object> agent(String name, String credentialId, Map<String, Object> parameters, int x) {
    Map<String, Object> p = new LinkedHashMap<>(parameters);
    p.put("model", "gpt-4o-mini");
    p.put("modelOptions", Map.of("maxRetries", 0));
    Map<String, Object> node = Workflows.node(name, "weft.ai.agent", p, x);
    node.put("credentials", Map.of("weft.openAiApi", credentialId));
    return node;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
