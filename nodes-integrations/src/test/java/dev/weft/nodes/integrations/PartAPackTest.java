package dev.weft.nodes.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.Weft;
import dev.weft.spi.CredentialRequirement;
import dev.weft.spi.CredentialType;
import dev.weft.spi.Node;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.TriggerNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Part A's nodes and credential types ship in the pack, once, with testers and secrets marked. */
class PartAPackTest {
  static final List<String> NODES = List.of("weft.httpRequest", "weft.webhook", "weft.respondToWebhook",
      "weft.database", "weft.rabbitmq", "weft.rabbitmqTrigger", "weft.mqtt", "weft.mqttTrigger", "weft.nats",
      "weft.natsTrigger", "weft.redis", "weft.redisTrigger", "weft.emailSend", "weft.emailTrigger", "weft.rssRead",
      "weft.rssFeedTrigger");
  static final List<String> TRIGGERS = List.of("weft.webhook", "weft.rabbitmqTrigger", "weft.mqttTrigger",
      "weft.natsTrigger", "weft.redisTrigger", "weft.emailTrigger", "weft.rssFeedTrigger");
  static final List<String> CREDENTIALS = List.of("weft.httpBasicAuth", "weft.httpBearerAuth", "weft.httpHeaderAuth",
      "weft.httpQueryAuth", "weft.database", "weft.rabbitmq", "weft.mqtt", "weft.nats", "weft.redis", "weft.smtp",
      "weft.imap");

  @Test
  void everyPartANodeShipsOnceWithDeclaredCredentialTypes() {
    IntegrationNodes pack = new IntegrationNodes();
    Map<String, Long> counts = pack.nodes().stream().map(n -> n.descriptor().type())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    Set<String> credentialIds = pack.credentialTypes().stream().map(CredentialType::id).collect(Collectors.toSet());
    for (String type : NODES) {
      assertThat(counts.get(type)).as(type).isEqualTo(1L);
      Node node = pack.nodes().stream().filter(n -> n.descriptor().type().equals(type)).findFirst().orElseThrow();
      NodeDescriptor d = node.descriptor();
      assertThat(d.description()).as(type).isNotBlank();
      assertThat(node instanceof TriggerNode).as(type + " is a trigger").isEqualTo(TRIGGERS.contains(type));
      if (node instanceof TriggerNode) {
        assertThat(d.inputs()).as(type).isEmpty();
      }
      for (CredentialRequirement c : d.credentials()) {
        assertThat(credentialIds).as(type + " uses " + c.type()).contains(c.type());
      }
    }
  }

  @Test
  void everyPartACredentialTypeHasATesterAndASecret() {
    IntegrationNodes pack = new IntegrationNodes();
    for (String id : CREDENTIALS) {
      List<CredentialType> found = pack.credentialTypes().stream().filter(t -> t.id().equals(id)).toList();
      assertThat(found).as(id).hasSize(1);
      assertThat(found.get(0).tester()).as(id + " tester").isNotNull();
      assertThat(found.get(0).fields().stream().anyMatch(ParameterSpec::secret)).as(id + " has a secret field")
          .isTrue();
    }
  }

  @Test
  void theEngineLoadsThePackFromTheClasspath() {
    try (Weft weft = Weft.builder().build()) {
      Set<String> types = weft.nodeTypes().stream().map(NodeDescriptor::type).collect(Collectors.toSet());
      assertThat(types).containsAll(NODES);
    }
  }
}
