package dev.weft.server;

import dev.weft.spi.WebhookRequest;
import dev.weft.spi.WebhookResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /webhook/...} (active workflows' webhook triggers) and {@code /webhook-test/...} (a workflow listening from
 * the editor). No sign-in: the workflow decides how to authenticate its callers.
 */
final class WebhookApi {
  static final List<HandlerType> METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
      HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD);
  private final ServerState s;

  WebhookApi(ServerState s) {
    this.s = s;
  }

  void register(io.javalin.config.RoutesConfig routes) {
    for (HandlerType m : METHODS) {
      routes.addHttpHandler(m, "/webhook/<path>", ctx -> answer(ctx, s.weft.webhooks().handle(request(ctx))));
      routes.addHttpHandler(m, "/webhook-test/<path>", ctx -> answer(ctx, s.testWebhooks.handle(request(ctx))));
    }
  }

  private static WebhookRequest request(Context ctx) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    var names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name.toLowerCase(Locale.ROOT), java.util.Collections.list(ctx.req().getHeaders(name)));
    }
    return new WebhookRequest(ctx.method().name(), ctx.pathParam("path"), Map.of(), headers, ctx.queryParamMap(),
        ctx.contentType(), ctx.bodyAsBytes());
  }

  private static void answer(Context ctx, WebhookResponse response) {
    ctx.status(response.status());
    response.headers().forEach(ctx::header);
    if (response.contentType() != null) {
      ctx.contentType(response.contentType());
    }
    ctx.result(response.body() == null ? new byte[0] : response.body());
  }
}
