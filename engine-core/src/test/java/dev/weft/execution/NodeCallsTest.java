package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.ExecutionResult;
import dev.weft.ExecutionStatus;
import dev.weft.Weft;
import dev.weft.credential.CredentialCipher;
import dev.weft.internal.Jackson;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeCalls;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import dev.weft.spi.ParameterSpec;
import dev.weft.store.InMemoryCredentialStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A node running nodes of other types through {@link NodeContext#nodeCalls()}, as an AI agent's tool calls do. */
class NodeCallsTest extends EngineTestSupport {

  @Override
  protected Weft.Builder configure(Weft.Builder builder) {
    return builder.nodePack(new CallerPack()).credentialStore(new InMemoryCredentialStore(),
        CredentialCipher.fromConfig("test=" + CredentialCipher.generateKey()));
  }

  /** A workflow whose node "Call" runs {@code type} with fixed parameters and literal arguments. */
  private ExecutionResult call(String type, Map<String, Object> fixed, Map<String, Object> arguments,
      Map<String, String> credentials) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("callType", type);
    params.put("fixed", fixed);
    params.put("arguments", arguments);
    params.put("credentialIds", credentials);
    String json = """
        {"name": "calls", "nodes": [{"name": "Start", "type": "test.trigger"},
          {"name": "Call", "type": "test.caller", "parameters": %s}],
         "connections": [{"from": "Start", "to": "Call"}]}
        """.formatted(Jackson.write(params));
    return run(json, List.of(Item.of("name", "Ada")));
  }

  @Test
  void fixedParametersAreEvaluatedForTheItemsAndArgumentsAreTakenLiterally() {
    ExecutionResult r = call("test.tag", Map.of("value", "{{ $json.name }}!"), Map.of("key", "greeting"), Map.of());
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(Map.of("outputs", List.of(List.of(Map.of("name", "Ada",
        "greeting", "Ada!")))));

    ExecutionResult literal = call("test.tag", Map.of(), Map.of("key", "x", "value", "{{ $json.name }}"), Map.of());
    assertThat(json(literal.output())).containsExactly(Map.of("outputs", List.of(List.of(Map.of("name", "Ada",
        "x", "{{ $json.name }}")))));
  }

  @Test
  void invalidParametersNameTheCallAndTheParameter() {
    ExecutionResult r = call("test.tag", Map.of(), Map.of("key", Map.of("a", 1)), Map.of());
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("node call 'lookup' (test.tag) has invalid parameters")
        .contains("parameter 'key': expected text, got object");
    assertThat(r.error().parameter()).isEqualTo("key");

    ExecutionResult unknown = call("test.tga", Map.of(), Map.of("colour", "red"), Map.of());
    assertThat(unknown.error().message()).contains("node call 'lookup' (test.tga): unknown node type 'test.tga'");

    ExecutionResult extra = call("test.tag", Map.of(), Map.of("colour", "red"), Map.of());
    assertThat(extra.error().message()).contains("parameter 'colour': unknown parameter");
  }

  @Test
  void theCalledNodesFailureIsReportedWithTheCallsName() {
    ExecutionResult r = call("test.fail", Map.of("always", true), Map.of("message", "no such order"), Map.of());
    assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
    assertThat(r.error().message()).contains("node call 'lookup' (test.fail) failed: no such order");
  }

  @Test
  void theCalledNodeGetsTheCredentialsItIsGiven() {
    String id = weft.credentials().create("key", "test.key", null, Map.of("user", "ada", "token", "t0ps3cret")).id();
    ExecutionResult r = call("test.secret", Map.of(), Map.of(), Map.of("test.key", id));
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(json(r.output())).containsExactly(Map.of("outputs", List.of(List.of(Map.of("user", "ada",
        "tokenLength", 9)))));
  }

  @Test
  void descriptorsOfRegisteredTypesAreVisible() {
    ExecutionResult r = call("test.branch", Map.of(), Map.of(), Map.of());
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    // test.branch has two outputs: the result lists both, and the caller saw the descriptor
    assertThat(r.output().get(0).json()).containsEntry("described", "test.branch");
    assertThat((List<?>) r.output().get(0).json().get("outputs")).hasSize(2);
  }

  /** test.caller: runs {@code callType} as call 'lookup' with its input items; outputs the items per output. */
  static final class CallerPack implements NodePack {
    @Override
    public String id() {
      return "test.calls";
    }

    @Override
    public List<Node> nodes() {
      return List.of(new Caller());
    }
  }

  static final class Caller implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.caller").parameters(ParameterSpec.string("callType").required(),
          ParameterSpec.json("fixed").noExpressions(), ParameterSpec.json("arguments").noExpressions(),
          ParameterSpec.json("credentialIds")).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public NodeOutput execute(NodeContext context) throws Exception {
      String type = context.string("callType", 0);
      NodeCalls calls = context.nodeCalls();
      List<List<Item>> outputs = calls.run(new NodeCalls.Call("lookup", type, 0,
          context.parameter("fixed", 0, Map.class), context.parameter("arguments", 0, Map.class),
          context.parameter("credentialIds", 0, Map.class), context.items()));
      List<Object> json = new ArrayList<>();
      for (List<Item> out : outputs) {
        json.add(out.stream().map(Item::json).toList());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("outputs", json);
      if (outputs.size() > 1) {
        result.put("described", calls.descriptor(type, 0).orElseThrow().type());
      }
      return NodeOutput.of(List.of(Item.of(result)));
    }
  }
}
