package dev.weft.server;

import dev.weft.spi.Item;
import dev.weft.store.ExecutionRecord;
import dev.weft.store.WorkflowRecord;
import dev.weft.workflow.Connection;
import dev.weft.workflow.Workflow;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/executions}: the executions of the signed-in user's workflows, filtered and paged; one with its run
 * data; cancel, retry from the failed node, delete; and live events as Server-Sent Events with
 * {@code Last-Event-ID} resume.
 */
final class ExecutionApi {
  private static final long HEARTBEAT_MS = 15_000;
  private final ServerState s;

  ExecutionApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/executions", this::list);
    t.userStream("/api/executions/stream", (ctx, user) -> { }, (client, user) -> stream(client, user, null));
    t.user(HandlerType.GET, "/api/executions/{id}", (ctx, u) -> Api.ok(ctx,
        Views.execution(owned(ctx.pathParam("id"), u), true)));
    t.userStream("/api/executions/{id}/events", (ctx, user) -> owned(ctx.pathParam("id"), user),
        (client, user) -> stream(client, user, client.ctx().pathParam("id")));
    t.user(HandlerType.POST, "/api/executions/{id}/cancel", this::cancel);
    t.user(HandlerType.POST, "/api/executions/{id}/retry", this::retry);
    t.user(HandlerType.DELETE, "/api/executions/{id}", this::delete);
  }

  /** The user's execution; 404 when there is none or its workflow is someone else's. */
  private ExecutionRecord owned(String id, Tokens.Principal user) {
    ExecutionRecord r = s.stores.executions().get(id).orElseThrow(() -> ApiException.notFound("execution", id));
    if (r.workflowId() == null || !user.userId().equals(s.ownerOf(r.workflowId()))) {
      throw ApiException.notFound("execution", id);
    }
    return r;
  }

  private void list(Context ctx, Tokens.Principal user) {
    int offset = Api.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Api.queryInt(ctx, "limit", 50, 1, 500);
    String workflowId = ctx.queryParam("workflowId");
    Set<ExecutionRecord.Status> statuses = EnumSet.noneOf(ExecutionRecord.Status.class);
    String statusParam = ctx.queryParam("status");
    if (statusParam != null && !statusParam.isBlank()) {
      for (String part : statusParam.split(",")) {
        try {
          statuses.add(ExecutionRecord.Status.valueOf(part.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new ApiException(400, "invalid_parameter", "query parameter 'status' holds '" + part.trim()
              + "'; use new, running, waiting, success, error or cancelled (comma-separated)",
              Map.of("parameter", "status"));
        }
      }
    }
    Instant from = Api.queryInstant(ctx, "startedAfter");
    Instant before = Api.queryInstant(ctx, "startedBefore");
    StringBuilder where = new StringBuilder(" FROM weft_execution e JOIN weft_workflow w ON w.id = e.workflow_id"
        + " WHERE w.owner_id = ?");
    List<Object> args = new ArrayList<>();
    args.add(user.userId());
    if (workflowId != null && !workflowId.isBlank()) {
      where.append(" AND e.workflow_id = ?");
      args.add(workflowId);
    }
    if (!statuses.isEmpty()) {
      where.append(" AND e.status IN (").append(String.join(", ", statuses.stream().map(x -> "?").toList()))
          .append(")");
      statuses.forEach(st -> args.add(st.name()));
    }
    if (from != null) {
      where.append(" AND e.started_at >= ?");
      args.add(java.sql.Timestamp.from(from));
    }
    if (before != null) {
      where.append(" AND e.started_at < ?");
      args.add(java.sql.Timestamp.from(before));
    }
    Map<String, Object> body = s.db.tx("listing executions", c -> {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Object> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.workflow_id, e.workflow_name, e.status, e.mode,"
          + " e.started_at, e.finished_at, e.wait_until, e.error_message, e.error_node" + where
          + " ORDER BY e.started_at DESC, e.id DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        all.add(offset);
        bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(Views.executionSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4).toLowerCase(Locale.ROOT), rs.getString(5),
                ServerDatabase.instant(rs.getTimestamp(6)), ServerDatabase.instant(rs.getTimestamp(7)),
                ServerDatabase.instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10)));
          }
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("items", items);
      m.put("total", total);
      m.put("offset", offset);
      m.put("limit", limit);
      return m;
    });
    Api.ok(ctx, body);
  }

  /** The newest execution of each of these workflows, as summaries (no run data is read). */
  static Map<String, Map<String, Object>> lastExecutions(ServerDatabase db, List<String> workflowIds) {
    Map<String, Map<String, Object>> last = new LinkedHashMap<>();
    if (workflowIds.isEmpty()) {
      return last;
    }
    String in = String.join(", ", workflowIds.stream().map(x -> "?").toList());
    return db.tx("reading the last executions", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, workflow_id, workflow_name, status, mode, started_at,"
          + " finished_at, wait_until, error_message, error_node FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY"
          + " e.workflow_id ORDER BY e.started_at DESC, e.id DESC) AS rn FROM weft_execution e WHERE e.workflow_id IN ("
          + in + ")) ranked WHERE rn = 1")) {
        bind(ps, new ArrayList<>(workflowIds));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            last.put(rs.getString(2), Views.executionSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4).toLowerCase(Locale.ROOT), rs.getString(5),
                ServerDatabase.instant(rs.getTimestamp(6)), ServerDatabase.instant(rs.getTimestamp(7)),
                ServerDatabase.instant(rs.getTimestamp(8)), rs.getString(9), rs.getString(10)));
          }
        }
      }
      return last;
    });
  }

  static void bind(PreparedStatement ps, List<Object> args) throws java.sql.SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private void cancel(Context ctx, Tokens.Principal user) {
    ExecutionRecord r = owned(ctx.pathParam("id"), user);
    if (r.status().isFinished()) {
      throw ApiException.conflict("not_running", "execution '" + r.id() + "' has already ended ("
          + Views.status(r.status()) + ")", Map.of("status", Views.status(r.status())));
    }
    boolean cancelled = s.weft.cancel(r.id());
    if (!cancelled) {
      throw ApiException.conflict("not_running", "execution '" + r.id() + "' is not running or waiting in this"
          + " server", Map.of("status", Views.status(r.status())));
    }
    s.audit.record(user, "execution.cancel", "execution", r.id(), "workflowId", r.workflowId());
    Api.ok(ctx, Map.of("executionId", r.id(), "cancelled", true));
  }

  /**
   * Retries a failed execution from its failed node, with the input that node had (the stored outputs of the nodes
   * that feed it), on the workflow as it is now.
   */
  /** The kept outputs of every node but the failed one, so that its expressions see them on retry. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<List<Item>>> priorOutputs(Map<String, Object> runs, String failed) {
    Map<String, List<List<Item>>> prior = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : runs.entrySet()) {
      if (e.getKey().equals(failed) || !(e.getValue() instanceof List<?> list) || list.isEmpty()
          || !(list.get(list.size() - 1) instanceof Map<?, ?> last) || !(last.get("outputs") instanceof List<?> outs)) {
        continue;
      }
      List<List<Item>> ports = new ArrayList<>();
      for (Object port : outs) {
        List<Item> items = new ArrayList<>();
        if (port instanceof List<?> l) {
          for (Object item : l) {
            Object json = item instanceof Map<?, ?> im ? im.get("json") : null;
            items.add(Item.of(json instanceof Map ? (Map<String, Object>) json : Map.of()));
          }
        }
        ports.add(items);
      }
      prior.put(e.getKey(), ports);
    }
    return prior;
  }

  @SuppressWarnings("unchecked")
  private void retry(Context ctx, Tokens.Principal user) {
    ExecutionRecord r = owned(ctx.pathParam("id"), user);
    if (r.status() != ExecutionRecord.Status.ERROR) {
      throw ApiException.conflict("not_failed", "execution '" + r.id() + "' did not fail (it is "
          + Views.status(r.status()) + "); only failed executions can be retried",
          Map.of("status", Views.status(r.status())));
    }
    WorkflowRecord wr = s.ownedWorkflow(r.workflowId(), user);
    Workflow wf = s.runnable(wr, user.userId());
    String failed = r.errorNode();
    Map<String, Object> runs = r.data().get("runs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    List<Item> input;
    String startNode;
    if (failed == null || wf.node(failed) == null) {
      throw ApiException.conflict("no_failed_node", "execution '" + r.id() + "' failed "
          + (failed == null ? "as a whole (" + r.errorMessage() + ")" : "in node '" + failed
          + "', which the workflow no longer has") + "; run the workflow again instead", Map.of());
    }
    List<Connection> feeding = wf.connections().stream().filter(c -> c.to().equals(failed) && c.input() == 0)
        .toList();
    if (feeding.isEmpty()) {
      startNode = failed;
      input = List.of(Item.empty());
    } else {
      input = new ArrayList<>();
      for (Connection c : feeding) {
        List<Object> parentRuns = runs.get(c.from()) instanceof List<?> l ? (List<Object>) l : List.of();
        if (parentRuns.isEmpty()) {
          continue;
        }
        Map<String, Object> last = (Map<String, Object>) parentRuns.get(parentRuns.size() - 1);
        List<Object> outputs = last.get("outputs") instanceof List<?> l ? (List<Object>) l : List.of();
        List<Object> outputCounts = last.get("outputItems") instanceof List<?> l ? (List<Object>) l : List.of();
        int expected = c.output() < outputCounts.size() && outputCounts.get(c.output()) instanceof Number n
            ? n.intValue() : 0;
        List<Object> kept = c.output() < outputs.size() && outputs.get(c.output()) instanceof List<?> l
            ? (List<Object>) l : List.of();
        if (kept.size() < expected) {
          throw ApiException.conflict("no_run_data", "execution '" + r.id() + "' did not keep the items node '"
              + c.from() + "' passed to '" + failed + "' (the workflow's saveData setting); run the workflow again"
              + " instead", Map.of("node", c.from()));
        }
        for (Object item : kept) {
          Object json = item instanceof Map<?, ?> im ? im.get("json") : null;
          input.add(Item.of(json instanceof Map ? (Map<String, Object>) json : Map.of()));
        }
      }
      startNode = failed;
    }
    ServerState.Started started = s.start(wf, input, new dev.weft.execution.ExecutionOptions("retry", startNode, null,
        null).withPriorOutputs(priorOutputs(runs, failed)));
    s.audit.record(user, "execution.retry", "execution", r.id(), "workflowId", r.workflowId(), "executionId",
        started.executionId(), "startNode", startNode);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("executionId", started.executionId());
    m.put("retryOf", r.id());
    m.put("startNode", startNode);
    m.put("status", "running");
    Api.json(ctx, 202, m);
  }

  private void delete(Context ctx, Tokens.Principal user) {
    ExecutionRecord r = owned(ctx.pathParam("id"), user);
    if (!r.status().isFinished() && r.status() != ExecutionRecord.Status.WAITING) {
      throw ApiException.conflict("still_running", "execution '" + r.id() + "' is still running; cancel it first",
          Map.of("status", Views.status(r.status())));
    }
    if (r.status() == ExecutionRecord.Status.WAITING) {
      s.weft.cancel(r.id());
    }
    s.stores.executions().delete(r.id());
    s.hub.deleteExecution(r.id());
    s.audit.record(user, "execution.delete", "execution", r.id(), "workflowId", r.workflowId(), "status",
        Views.status(r.status()));
    ctx.status(204);
  }

  private void stream(SseClient client, Tokens.Principal user, String executionId) throws InterruptedException {
    Context ctx = client.ctx();
    String lastId = ctx.header("Last-Event-ID");
    if (lastId == null) {
      lastId = ctx.queryParam("lastEventId");
    }
    long after;
    if (lastId != null && !lastId.isBlank()) {
      try {
        after = Long.parseLong(lastId.trim());
      } catch (NumberFormatException e) {
        after = -1;
      }
    } else {
      // one execution's view starts from its first event; the global view from now
      after = executionId != null ? 0 : -1;
    }
    String userId = user.userId();
    try (EventHub.Subscription sub = s.hub.subscribe(
        e -> (executionId == null || executionId.equals(e.executionId())) && s.hub.visibleTo(e, userId),
        after, executionId)) {
      client.sendComment("connected");
      while (!client.terminated()) {
        EventHub.Stored e = sub.poll(HEARTBEAT_MS);
        if (sub.overflowed) {
          client.sendEvent("overflow", "{\"message\":\"the client fell behind; reconnect with Last-Event-ID\"}",
              null);
          break;
        }
        if (e == null) {
          client.sendComment("keep-alive");
          continue;
        }
        try {
          client.sendEvent(e.type(), Api.JSON.writeValueAsString(e.payload()), Long.toString(e.seq()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
          throw new IllegalStateException(ex);
        }
      }
    } finally {
      client.close();
    }
  }
}
