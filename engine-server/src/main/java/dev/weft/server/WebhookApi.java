package dev.weft.server;

import dev.weft.spi.WebhookBody;
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

  /**
   * The request with its body unread: a handler reads a small body into memory (up to the server's size limit, as
   * Javalin would) or streams an upload of any size into the binary store, never both.
   */
  private WebhookRequest request(Context ctx) throws java.io.IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    var names = ctx.req().getHeaderNames();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      headers.put(name.toLowerCase(Locale.ROOT), java.util.Collections.list(ctx.req().getHeaders(name)));
    }
    long length = ctx.req().getContentLengthLong();
    if (length < 0 && ctx.req().getHeader("Transfer-Encoding") == null) {
      length = 0; // HTTP/1.1: neither header, no body (a GET): handlers need not look at an empty stream
    }
    WebhookBody body = WebhookBody.stream(ctx.req().getInputStream(), length, s.config.maxRequestBytes());
    return new WebhookRequest(ctx.method().name(), ctx.pathParam("path"), Map.of(), headers, ctx.queryParamMap(),
        ctx.contentType(), null, body);
  }

  private static void answer(Context ctx, WebhookResponse response) throws java.io.IOException {
    ctx.status(response.status());
    response.headers().forEach(ctx::header);
    if (response.contentType() != null) {
      ctx.contentType(response.contentType());
    }
    if (response.isStreamed()) {
      // Javalin copies the stream to the caller after this handler and closes it; no Content-Length, since Javalin
      // may compress the answer for a caller that accepts it
      ctx.result(response.streamed().source().open());
    } else {
      ctx.result(response.body() == null ? new byte[0] : response.body());
    }
  }
}
