package dev.weft.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Weft;
import dev.weft.spi.NodeException;
import dev.weft.store.InMemoryWebhookStore;
import dev.weft.store.WebhookRegistration;
import dev.weft.workflow.Workflow;
import org.junit.jupiter.api.Test;

/** Engines sharing a webhook store: two workflows never serve one route, whichever instances activate them. */
class SharedWebhookRoutesTest {
  private final InMemoryWebhookStore routes = new InMemoryWebhookStore();

  private Weft instance() {
    return Weft.builder().discoverNodePacks(false).nodePack(new TestNodes()).webhookStore(routes).build();
  }

  private static Workflow hooked(String id, String path) {
    return Workflow.fromJson("""
        {"id": "%s", "name": "%s", "nodes": [{"name": "Hook", "type": "test.trigger", "parameters": {"path": "%s"}}]}
        """.formatted(id, id, path));
  }

  @Test
  void aRouteHeldByOneWorkflowCannotBeServedByAnotherOnAnyInstance() throws Exception {
    try (Weft one = instance(); Weft two = instance()) {
      one.activate(hooked("wf-a", "orders/:id"));
      assertThat(routes.list(null)).containsExactly(routes.find("POST", "orders/:x").orElseThrow());
      assertThat(routes.find("POST", "orders/:id").orElseThrow())
          .extracting(WebhookRegistration::workflowId, WebhookRegistration::node).containsExactly("wf-a", "Hook");

      assertThatThrownBy(() -> two.activate(hooked("wf-b", "orders/:number")))
          .isInstanceOf(NodeException.class)
          .hasMessageContaining("Hook")
          .hasMessageContaining("POST /orders/:number")
          .hasMessageContaining("wf-a");
      assertThat(two.webhooks().routes()).as("the refused route is not served locally either").isEmpty();
      assertThat(two.activeWorkflows()).isEmpty();

      two.activate(hooked("wf-a", "orders/:id")); // the same workflow on a second instance
      assertThat(two.webhooks().routes()).containsExactly("POST /orders/:id");
    }
    // closing the instances keeps the claim: the workflow is still active wherever else it runs
    assertThat(routes.find("POST", "orders/:id")).isPresent();

    try (Weft three = instance()) {
      three.activate(hooked("wf-a", "orders/:id"));
      three.deactivate("wf-a");
      assertThat(routes.list(null)).isEmpty();
      three.activate(hooked("wf-b", "orders/:number"));
      assertThat(routes.find("POST", "orders/:id").orElseThrow().workflowId()).isEqualTo("wf-b");
    }
  }

  @Test
  void activatingAgainReleasesTheRoutesTheWorkflowNoLongerHas() throws Exception {
    try (Weft one = instance()) {
      one.activate(hooked("wf-a", "v1"));
      one.activate(hooked("wf-a", "v2"));
      assertThat(routes.list("wf-a")).extracting(WebhookRegistration::path).containsExactly("v2");
      try (Weft two = instance()) {
        two.activate(hooked("wf-b", "v1"));
        assertThat(routes.list("wf-b")).extracting(WebhookRegistration::path).containsExactly("v1");
        // a failed activation releases what it claimed, and keeps what the workflow held before
        assertThatThrownBy(() -> one.activate(hooked("wf-a", "v1"))).isInstanceOf(NodeException.class);
        assertThat(routes.list("wf-a")).extracting(WebhookRegistration::path).containsExactly("v2");
      }
    }
  }
}
