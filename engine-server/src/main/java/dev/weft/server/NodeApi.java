package dev.weft.server;

import dev.weft.spi.NodeDescriptor;
import io.javalin.http.HandlerType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /api/nodes}: the node types this server runs, as descriptors (parameters, ports, credentials). */
final class NodeApi {
  private final ServerState s;

  NodeApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/nodes", (ctx, u) -> {
      List<NodeDescriptor> all = s.weft.nodeTypes().stream()
          .sorted(Comparator.comparing(NodeDescriptor::type).thenComparing(NodeDescriptor::version)).toList();
      Api.ok(ctx, Map.of("items", all));
    });
    t.user(HandlerType.GET, "/api/nodes/{type}", (ctx, u) -> {
      String type = ctx.pathParam("type");
      Integer version = ctx.queryParam("version") == null ? null
          : Api.queryInt(ctx, "version", 1, 1, Integer.MAX_VALUE);
      NodeDescriptor found = s.weft.nodeTypes().stream()
          .filter(d -> d.type().equals(type) || d.aliases().contains(type))
          .filter(d -> version == null || d.version() == version)
          .max(Comparator.comparingInt(NodeDescriptor::version))
          .orElseThrow(() -> new ApiException(404, "not_found", "there is no node type '" + type + "'"
              + (version == null ? "" : " in version " + version), Map.of("kind", "node type", "id", type)));
      Api.ok(ctx, found);
    });
  }
}
