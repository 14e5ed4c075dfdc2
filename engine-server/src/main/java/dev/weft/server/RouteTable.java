package dev.weft.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Registers the API's routes on Javalin and remembers them (method, path, whether they need a signed-in user), so
 * that the OpenAPI document can be checked against what is really served.
 */
final class RouteTable {
  /** A handler that needs a signed-in user. */
  @FunctionalInterface
  interface UserHandler {
    void handle(Context ctx, Tokens.Principal user) throws Exception;
  }

  /** A live stream for a signed-in user. */
  @FunctionalInterface
  interface UserStream {
    void stream(SseClient client, Tokens.Principal user) throws Exception;
  }

  /** A registered route. */
  record Route(String method, String path, boolean authenticated) {}

  private final RoutesConfig routes;
  private final Tokens tokens;
  private final List<Route> registered = new ArrayList<>();

  RouteTable(RoutesConfig routes, Tokens tokens) {
    this.routes = routes;
    this.tokens = tokens;
  }

  List<Route> routes() {
    return List.copyOf(registered);
  }

  /** A route anyone may call. */
  void open(HandlerType method, String path, io.javalin.http.Handler handler) {
    routes.addHttpHandler(method, path, handler);
    registered.add(new Route(method.name().toLowerCase(Locale.ROOT), path, false));
  }

  /** A route for signed-in users: a valid access token in {@code Authorization: Bearer ...}. */
  void user(HandlerType method, String path, UserHandler handler) {
    routes.addHttpHandler(method, path, ctx -> handler.handle(ctx, principal(ctx, false)));
    registered.add(new Route(method.name().toLowerCase(Locale.ROOT), path, true));
  }

  /**
   * A Server-Sent Events stream for signed-in users. Browsers' EventSource cannot set headers, so the token may also
   * come as the query parameter {@code access_token}. {@code check} runs before the stream opens (a 404 for what
   * the user may not see must come before the 200 of the stream).
   */
  void userStream(String path, UserHandler check, UserStream stream) {
    routes.addHttpHandler(HandlerType.GET, path, ctx -> {
      Tokens.Principal user = principal(ctx, true);
      check.handle(ctx, user);
      String accept = ctx.header("Accept");
      if (accept == null || !accept.contains("text/event-stream")) {
        throw new ApiException(406, "not_acceptable", "this route streams Server-Sent Events: send the header"
            + " 'Accept: text/event-stream'");
      }
      new io.javalin.http.sse.SseHandler(0, (Consumer<SseClient>) client -> {
        try {
          stream.stream(client, user);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).handle(ctx);
    });
    registered.add(new Route("get", path, true));
  }

  Tokens.Principal principal(Context ctx, boolean queryTokenAllowed) {
    String header = ctx.header("Authorization");
    String token = null;
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ApiException.unauthorized("the Authorization header must be 'Bearer <access token>'");
      }
      token = header.substring(7).trim();
    } else if (queryTokenAllowed) {
      token = ctx.queryParam("access_token");
    }
    if (token == null || token.isEmpty()) {
      throw ApiException.unauthorized("sign in first: this route needs 'Authorization: Bearer <access token>' (from"
          + " POST /api/auth/login)");
    }
    return tokens.verify(token);
  }
}
