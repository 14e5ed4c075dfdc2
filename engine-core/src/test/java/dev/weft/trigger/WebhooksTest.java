package dev.weft.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing of webhook requests: fixed paths by hash lookup, paths with parameters segment by segment. */
class WebhooksTest {
  private final Webhooks webhooks = new Webhooks();

  private static Webhooks.Route add(Webhooks w, String method, String path, String answer) {
    return w.register(method, path, request -> WebhookResponse.json(200, "{\"route\":\"" + answer + "\",\"params\":\""
        + request.pathParameters() + "\"}"), answer);
  }

  private String body(String method, String path) {
    WebhookResponse r = webhooks.handle(new WebhookRequest(method, path, Map.of(), Map.of(), Map.of(), null,
        new byte[0]));
    return r.status() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void fixedPathsParametersMethodsAndUnknownPaths() {
    add(webhooks, "POST", "/orders/new/", "new order");
    add(webhooks, "post", "orders/:id", "one order");
    add(webhooks, "GET", "orders/new", "order form");

    assertThat(body("POST", "orders/new")).isEqualTo("200 {\"route\":\"new order\",\"params\":\"{}\"}");
    assertThat(body("GET", "/orders/new/")).isEqualTo("200 {\"route\":\"order form\",\"params\":\"{}\"}");
    assertThat(body("post", "orders/42")).isEqualTo("200 {\"route\":\"one order\",\"params\":\"{id=42}\"}");
    assertThat(body("DELETE", "orders/new")).startsWith("405 ");
    assertThat(body("GET", "orders/42")).startsWith("405 ");
    assertThat(body("POST", "orders")).startsWith("404 ");
    assertThat(body("POST", "orders/42/items")).startsWith("404 ");
  }

  @Test
  void aFixedPathFallsBackToAParameterRouteOfItsMethodAndUnregisteringFreesThePath() {
    Webhooks.Route form = add(webhooks, "GET", "orders/new", "order form");
    add(webhooks, "POST", "orders/:id", "one order");
    assertThat(body("POST", "orders/new")).isEqualTo("200 {\"route\":\"one order\",\"params\":\"{id=new}\"}");

    webhooks.unregister(form);
    assertThat(body("GET", "orders/new")).startsWith("405 ");
    assertThat(webhooks.routes()).containsExactly("POST /orders/:id");
    add(webhooks, "GET", "orders/new", "order form again");
    assertThat(body("GET", "orders/new")).isEqualTo("200 {\"route\":\"order form again\",\"params\":\"{}\"}");
  }

  @Test
  void aFailingHandlerAnswers500WithoutInternals() {
    webhooks.register("POST", "boom", request -> {
      throw new IllegalStateException("secret internals");
    }, "test");
    assertThat(body("POST", "boom")).isEqualTo("500 {\"message\":\"the workflow could not handle this request\"}");
  }
}
