package dev.weft.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cluster.ClusterBus;
import dev.weft.cluster.LocalClusterBus;
import dev.weft.spi.WebhookResponder;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In queue mode the node answering a webhook runs on a worker while the request waits on another instance: the
 * answer travels over the bus and completes the waiting request there.
 */
class WebhookRepliesBusTest {

  @Test
  void anAnswerNobodyWaitsForHereGoesOverTheBusAndCompletesTheRequestWhereItWaits() throws Exception {
    LocalClusterBus bus = new LocalClusterBus();
    List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    bus.subscribe(ClusterBus.WEBHOOK_REPLY, sent::add);
    // the instance holding the request: it delivers answers from the bus to its waiting requests
    bus.subscribe(ClusterBus.WEBHOOK_REPLY, WebhookReplies::deliver);
    try {
      String executionId = java.util.UUID.randomUUID().toString();
      WebhookResponder onWorker = WebhookReplies.responder(bus);
      CompletableFuture<WebhookResponse> waiting = new CompletableFuture<>();
      // the holder registers only after the worker answered: the answer must not be taken by this JVM's registry,
      // so the worker sends it; here both run in one JVM, so register after sending and re-deliver what was sent
      assertThat(onWorker.respond(executionId, new WebhookResponse(201, Map.of("X-Id", "7"), "text/plain",
          "got 7".getBytes(StandardCharsets.UTF_8)))).isTrue();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(sent).singleElement().satisfies(m -> assertThat(m)
          .containsEntry("executionId", executionId).containsEntry("status", 201L)
          .containsEntry("contentType", "text/plain").containsEntry("body", "Z290IDc="));

      CompletableFuture<WebhookResponse> answer = WebhookReplies.expect(executionId);
      WebhookReplies.deliver(sent.get(0));
      WebhookResponse r = answer.get(10, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.headers()).containsEntry("X-Id", "7");
      assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("got 7");
      assertThat(waiting).isNotDone();
    } finally {
      bus.close();
    }
  }

  @Test
  void aRequestWaitingInThisJvmIsAnsweredDirectlyWithoutTheBus() throws Exception {
    LocalClusterBus bus = new LocalClusterBus();
    List<Map<String, Object>> sent = new CopyOnWriteArrayList<>();
    bus.subscribe(ClusterBus.WEBHOOK_REPLY, sent::add);
    try {
      String executionId = java.util.UUID.randomUUID().toString();
      CompletableFuture<WebhookResponse> answer = WebhookReplies.expect(executionId);
      assertThat(WebhookReplies.responder(bus).respond(executionId, WebhookResponse.text(200, "here"))).isTrue();
      assertThat(new String(answer.get(5, TimeUnit.SECONDS).body(), StandardCharsets.UTF_8)).isEqualTo("here");
      Thread.sleep(100);
      assertThat(sent).isEmpty();
    } finally {
      bus.close();
    }
  }
}
