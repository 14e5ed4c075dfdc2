package dev.weft.server;

import dev.weft.store.AuditEntry;
import dev.weft.store.AuditQuery;
import dev.weft.store.Page;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/audit}: the audit log for admins, newest first, paged and filtered. */
final class AuditApi {
  private final ServerState s;

  AuditApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/audit", this::list);
  }

  private void list(Context ctx, Tokens.Principal user) {
    if (!s.users.get(user.userId()).map(Users.User::admin).orElse(false)) {
      throw ApiException.forbidden("the audit log is for admins only");
    }
    AuditQuery q = AuditQuery.all()
        .between(Api.queryInstant(ctx, "from"), Api.queryInstant(ctx, "to"))
        .byActor(blankToNull(ctx.queryParam("actor")))
        .withAction(blankToNull(ctx.queryParam("action")))
        .onTarget(blankToNull(ctx.queryParam("targetType")), blankToNull(ctx.queryParam("targetId")))
        .page(Api.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE), Api.queryInt(ctx, "limit", 50, 1, 500));
    Page<AuditEntry> page = s.audit.log().query(q);
    List<Object> items = new ArrayList<>();
    for (AuditEntry e : page.items()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", e.id());
      m.put("at", e.at().toString());
      m.put("actor", e.actor());
      m.put("action", e.action());
      m.put("targetType", e.targetType());
      m.put("targetId", e.targetId());
      m.put("details", e.details());
      items.add(m);
    }
    Api.ok(ctx, Api.page(items, page));
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
