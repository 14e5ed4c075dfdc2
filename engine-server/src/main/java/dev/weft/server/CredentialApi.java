package dev.weft.server;

import dev.weft.credential.CredentialView;
import dev.weft.spi.CredentialTester;
import dev.weft.spi.CredentialType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/credentials} and {@code /api/credential-types}: the signed-in user's credentials. Secret fields are
 * never answered, only whether they are set; an update that leaves a secret out keeps it.
 */
final class CredentialApi {
  private final ServerState s;

  CredentialApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/credential-types", (ctx, u) -> {
      List<Object> types = new ArrayList<>();
      s.weft.credentialTypes().stream().sorted(Comparator.comparing(CredentialType::id))
          .forEach(type -> types.add(Views.credentialType(type)));
      Api.ok(ctx, Map.of("items", types));
    });
    t.user(HandlerType.GET, "/api/credentials", (ctx, u) -> {
      List<Object> items = new ArrayList<>();
      for (CredentialView v : s.weft.credentials().list(u.userId(), blankToNull(ctx.queryParam("type")))) {
        items.add(Views.credential(v));
      }
      Api.ok(ctx, Map.of("items", items));
    });
    t.user(HandlerType.POST, "/api/credentials", this::create);
    t.user(HandlerType.GET, "/api/credentials/{id}", (ctx, u) -> Api.ok(ctx, Views.credential(owned(ctx, u))));
    t.user(HandlerType.PUT, "/api/credentials/{id}", this::update);
    t.user(HandlerType.DELETE, "/api/credentials/{id}", (ctx, u) -> {
      CredentialView v = owned(ctx, u);
      s.weft.credentials().delete(v.id());
      s.audit.record(u, "credential.delete", "credential", v.id(), "name", v.name(), "type", v.type());
      ctx.status(204);
    });
    t.user(HandlerType.POST, "/api/credentials/{id}/test", (ctx, u) -> {
      CredentialView v = owned(ctx, u);
      CredentialTester.Result result = s.weft.credentials().test(v.id());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", result.ok());
      m.put("message", result.message());
      Api.ok(ctx, m);
    });
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }

  private CredentialView owned(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    CredentialView v = s.weft.credentials().get(id).orElseThrow(() -> ApiException.notFound("credential", id));
    if (!user.userId().equals(v.ownerId())) {
      throw ApiException.notFound("credential", id);
    }
    return v;
  }

  private void create(Context ctx, Tokens.Principal user) {
    Map<String, Object> body = Api.body(ctx);
    String name = Api.requiredString(body, "name");
    String type = Api.requiredString(body, "type");
    Map<String, Object> values = Api.optionalObject(body, "values");
    CredentialView v = s.weft.credentials().create(name, type, user.userId(), values == null ? Map.of() : values);
    s.audit.record(user, "credential.create", "credential", v.id(), "name", v.name(), "type", v.type());
    ctx.header("Location", "/api/credentials/" + v.id());
    Api.json(ctx, 201, Views.credential(v));
  }

  private void update(Context ctx, Tokens.Principal user) {
    CredentialView current = owned(ctx, user);
    Map<String, Object> body = Api.body(ctx);
    String name = Api.optionalString(body, "name");
    Map<String, Object> values = Api.optionalObject(body, "values");
    CredentialView updated = s.weft.credentials().update(current.id(), name, values);
    // the names of the fields given, never their values
    s.audit.record(user, "credential.update", "credential", updated.id(), "name", updated.name(), "type",
        updated.type(), "fields", values == null ? null : List.copyOf(values.keySet()));
    Api.ok(ctx, Views.credential(updated));
  }
}
