package dev.weft.server;

import dev.weft.ExecutionResult;
import dev.weft.n8n.importer.ImportIssue;
import dev.weft.n8n.importer.ImportResult;
import dev.weft.n8n.importer.N8nImportException;
import dev.weft.n8n.importer.N8nImporter;
import dev.weft.spi.Item;
import dev.weft.spi.NodeException;
import dev.weft.store.Page;
import dev.weft.store.WorkflowQuery;
import dev.weft.store.WorkflowRecord;
import dev.weft.store.WorkflowVersion;
import dev.weft.workflow.Workflow;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/workflows}: the signed-in user's workflows, their versions, activation and runs. */
final class WorkflowApi {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowApi.class);
  private final ServerState s;

  WorkflowApi(ServerState s) {
    this.s = s;
  }

  void register(RouteTable t) {
    t.user(HandlerType.GET, "/api/workflows", this::list);
    t.user(HandlerType.POST, "/api/workflows", this::create);
    t.user(HandlerType.POST, "/api/workflows/import/n8n", this::importN8n);
    t.user(HandlerType.GET, "/api/workflows/{id}", (ctx, u) ->
        Api.ok(ctx, withProblems(s.ownedWorkflow(ctx.pathParam("id"), u))));
    t.user(HandlerType.PUT, "/api/workflows/{id}", this::update);
    t.user(HandlerType.DELETE, "/api/workflows/{id}", this::delete);
    t.user(HandlerType.GET, "/api/workflows/{id}/versions", this::versions);
    t.user(HandlerType.POST, "/api/workflows/{id}/activate", this::activate);
    t.user(HandlerType.POST, "/api/workflows/{id}/deactivate", this::deactivate);
    t.user(HandlerType.POST, "/api/workflows/{id}/run", this::run);
    t.user(HandlerType.POST, "/api/workflows/{id}/test-webhook", this::listen);
    t.user(HandlerType.DELETE, "/api/workflows/{id}/test-webhook", (ctx, u) -> {
      s.ownedWorkflow(ctx.pathParam("id"), u);
      Api.ok(ctx, Map.of("stopped", s.testWebhooks.stop(ctx.pathParam("id"))));
    });
  }

  /** Activates every workflow stored as active (at server start); failures are logged and the rest go on. */
  static void reactivateAll(ServerState s) {
    for (WorkflowRecord r : s.stores.workflows().activeWorkflows()) {
      try {
        s.weft.activate(ServerState.parse(r.definition()).withId(r.id()));
      } catch (NodeException | RuntimeException e) {
        LOG.warn("workflow {} '{}' is stored as active but could not be activated: {}", r.id(), r.name(),
            e.getMessage());
      }
    }
  }

  private void list(Context ctx, Tokens.Principal user) {
    int offset = Api.queryInt(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Api.queryInt(ctx, "limit", 50, 1, 500);
    WorkflowQuery q = WorkflowQuery.all().owner(user.userId()).nameContaining(ctx.queryParam("search"))
        .page(offset, limit);
    Boolean active = Api.queryBoolean(ctx, "active");
    if (active != null) {
      q = q.activeOnly(active);
    }
    Page<WorkflowRecord> page = s.stores.workflows().list(q);
    List<Object> items = new ArrayList<>();
    Map<String, Map<String, Object>> last = ExecutionApi.lastExecutions(s.db,
        page.items().stream().map(WorkflowRecord::id).toList());
    for (WorkflowRecord r : page.items()) {
      Map<String, Object> m = Views.workflow(r, false);
      m.put("lastExecution", last.get(r.id()));
      m.put("nodeCount", r.definition().get("nodes") instanceof List<?> l ? l.size() : 0);
      items.add(m);
    }
    Api.ok(ctx, Api.page(items, page));
  }

  /** The definition in a request: the body itself, or its {@code definition} field. */
  private static Map<String, Object> definition(Map<String, Object> body) {
    Map<String, Object> def = Api.optionalObject(body, "definition");
    Map<String, Object> copy = new LinkedHashMap<>(def != null ? def : body);
    copy.remove("version");
    copy.remove("id");
    copy.remove("active");
    if (def != null && body.get("name") instanceof String n && !copy.containsKey("name")) {
      copy.put("name", n);
    }
    Object name = copy.get("name");
    if (!(name instanceof String text) || text.isBlank()) {
      throw ApiException.invalid("name", "field 'name' is required: every workflow has a name");
    }
    copy.putIfAbsent("nodes", new ArrayList<>());
    copy.putIfAbsent("connections", new ArrayList<>());
    ServerState.parse(copy);
    return copy;
  }

  private Map<String, Object> withProblems(WorkflowRecord r) {
    Map<String, Object> m = Views.workflow(r, true);
    m.put("problems", Views.problems(s.weft.validate(ServerState.parse(r.definition()).withId(r.id()))));
    return m;
  }

  private void create(Context ctx, Tokens.Principal user) {
    Map<String, Object> def = definition(Api.body(ctx));
    WorkflowRecord created = s.stores.workflows().create(
        WorkflowRecord.of((String) def.get("name"), def).withOwnerId(user.userId()));
    s.audit.record(user, "workflow.create", "workflow", created.id(), "name", created.name());
    ctx.header("Location", "/api/workflows/" + created.id());
    Api.json(ctx, 201, withProblems(created));
  }

  /**
   * Imports an n8n workflow file as a new workflow. What could not be carried over is answered as
   * {@code importIssues} (and the workflow's validation problems name the nodes to fix).
   */
  private void importN8n(Context ctx, Tokens.Principal user) {
    Map<String, Object> body = Api.body(ctx);
    Map<String, Object> n8n = Api.optionalObject(body, "workflow");
    ImportResult result;
    try {
      result = N8nImporter.forNodeTypes(s.weft.nodeTypes().stream().map(d -> d.type())
          .collect(java.util.stream.Collectors.toSet())).importWorkflow(n8n != null ? n8n : body);
    } catch (N8nImportException e) {
      throw new ApiException(400, "invalid_n8n_workflow", "the file is not an n8n workflow: " + e.getMessage(),
          Map.of("issues", issues(e.issues())));
    }
    Map<String, Object> def = new LinkedHashMap<>(result.document());
    String name = Api.optionalString(body, "name");
    if (name != null && !name.isBlank()) {
      def.put("name", name);
    }
    def = definition(def);
    WorkflowRecord created = s.stores.workflows().create(
        WorkflowRecord.of((String) def.get("name"), def).withOwnerId(user.userId()));
    Map<String, Object> answer = withProblems(created);
    answer.put("importIssues", issues(result.issues()));
    s.audit.record(user, "workflow.import", "workflow", created.id(), "name", created.name(), "from", "n8n",
        "importIssues", result.issues().size());
    ctx.header("Location", "/api/workflows/" + created.id());
    Api.json(ctx, 201, answer);
  }

  private static List<Object> issues(List<ImportIssue> issues) {
    List<Object> list = new ArrayList<>();
    for (ImportIssue i : issues) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", i.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("node", i.node());
      m.put("nodeType", i.nodeType());
      m.put("parameter", i.parameter());
      m.put("message", i.toString());
      list.add(m);
    }
    return list;
  }

  private void update(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    WorkflowRecord current = s.ownedWorkflow(id, user);
    Map<String, Object> body = Api.body(ctx);
    long expected = expectedVersion(ctx, body);
    Map<String, Object> def = definition(body);
    WorkflowRecord updated = s.stores.workflows().update(
        current.withName((String) def.get("name")).withDefinition(def), expected);
    s.forgetWorkflow(id); // its settings (saveData) may have changed
    Map<String, Object> answer;
    if (updated.active()) {
      try {
        s.weft.activate(s.runnable(updated, user.userId()));
        answer = withProblems(updated);
      } catch (NodeException | RuntimeException e) {
        s.weft.deactivate(id);
        updated = s.stores.workflows().update(updated.withActive(false), updated.version());
        answer = withProblems(updated);
        answer.put("activationError", e.getMessage());
      }
    } else {
      answer = withProblems(updated);
    }
    if (updated.active() || current.active()) {
      s.activationChanged(id); // other servers load the new definition (or stop it)
    }
    s.audit.record(user, "workflow.update", "workflow", id, "name", updated.name(), "version", updated.version(),
        "active", updated.active(), "activationFailed", answer.containsKey("activationError") ? true : null);
    Api.ok(ctx, answer);
  }

  private static long expectedVersion(Context ctx, Map<String, Object> body) {
    Object v = body.get("version");
    String ifMatch = ctx.header("If-Match");
    if (v == null && ifMatch != null) {
      try {
        return Long.parseLong(ifMatch.replace("\"", "").trim());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "invalid_header", "header 'If-Match' must hold the workflow version, got '"
            + ifMatch + "'", Map.of("header", "If-Match"));
      }
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue())) {
      throw ApiException.invalid("version", "field 'version' is required: the version you edited (from GET"
          + " /api/workflows/{id}), so that a concurrent change is not overwritten");
    }
    return n.longValue();
  }

  private void delete(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    s.ownedWorkflow(id, user);
    s.weft.deactivate(id);
    s.testWebhooks.stop(id);
    s.hub.flush();
    s.db.tx("deleting the executions of workflow " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_server_event WHERE workflow_id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM weft_execution WHERE workflow_id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate();
      }
    });
    s.stores.workflows().delete(id);
    s.activationChanged(id);
    s.audit.record(user, "workflow.delete", "workflow", id);
    s.forgetWorkflow(id);
    ctx.status(204);
  }

  private void versions(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    s.ownedWorkflow(id, user);
    List<Object> items = new ArrayList<>();
    for (WorkflowVersion v : s.stores.workflows().versions(id)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", v.version());
      m.put("name", v.name());
      m.put("active", v.active());
      m.put("savedAt", Views.str(v.savedAt()));
      m.put("definition", v.definition());
      items.add(m);
    }
    Api.ok(ctx, Map.of("items", items));
  }

  private void activate(Context ctx, Tokens.Principal user) throws NodeException {
    String id = ctx.pathParam("id");
    WorkflowRecord r = s.ownedWorkflow(id, user);
    s.weft.activate(s.runnable(r, user.userId()));
    WorkflowRecord updated = r.active() ? r : s.stores.workflows().update(r.withActive(true), r.version());
    s.activationChanged(id);
    s.audit.record(user, "workflow.activate", "workflow", id, "name", updated.name(), "version", updated.version());
    Map<String, Object> m = Views.workflow(updated, false);
    m.put("webhooks", s.weft.webhooks().routes());
    Api.ok(ctx, m);
  }

  private void deactivate(Context ctx, Tokens.Principal user) {
    String id = ctx.pathParam("id");
    WorkflowRecord r = s.ownedWorkflow(id, user);
    s.weft.deactivate(id);
    WorkflowRecord updated = r.active() ? s.stores.workflows().update(r.withActive(false), r.version()) : r;
    s.activationChanged(id);
    s.audit.record(user, "workflow.deactivate", "workflow", id, "name", updated.name(), "version",
        updated.version());
    Api.ok(ctx, Views.workflow(updated, false));
  }

  private void run(Context ctx, Tokens.Principal user) throws Exception {
    String id = ctx.pathParam("id");
    WorkflowRecord r = s.ownedWorkflow(id, user);
    Map<String, Object> body = Api.body(ctx);
    Workflow wf = s.runnable(r, user.userId());
    String startNode = Api.optionalString(body, "startNode");
    if (startNode != null && wf.node(startNode) == null) {
      throw ApiException.invalid("startNode", "workflow '" + wf.name() + "' has no node named '" + startNode + "'");
    }
    List<Item> input = items(body.get("items"));
    Boolean wait = Api.queryBoolean(ctx, "wait");
    ServerState.Started started = s.start(wf, input, startNode, "manual");
    s.audit.record(user, "workflow.run", "workflow", id, "executionId", started.executionId(), "startNode",
        startNode);
    if (Boolean.TRUE.equals(wait) || Boolean.TRUE.equals(body.get("wait"))) {
      try {
        ExecutionResult result = started.result().get(5, TimeUnit.MINUTES);
        Api.ok(ctx, Views.result(result));
      } catch (TimeoutException e) {
        Api.json(ctx, 202, Map.of("executionId", started.executionId(), "status", "running"));
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      return;
    }
    ctx.header("Location", "/api/executions/" + started.executionId());
    Api.json(ctx, 202, Map.of("executionId", started.executionId(), "status", "running"));
  }

  @SuppressWarnings("unchecked")
  static List<Item> items(Object raw) {
    if (raw == null) {
      return List.of(Item.empty());
    }
    if (!(raw instanceof List<?> list)) {
      throw ApiException.invalid("items", "field 'items' must be a list of JSON objects");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map)) {
        throw ApiException.invalid("items", "field 'items' must be a list of JSON objects; item " + i + " is not");
      }
      items.add(Item.of((Map<String, Object>) list.get(i)));
    }
    return items.isEmpty() ? List.of(Item.empty()) : items;
  }

  private void listen(Context ctx, Tokens.Principal user) throws NodeException {
    String id = ctx.pathParam("id");
    WorkflowRecord r = s.ownedWorkflow(id, user);
    Map<String, Object> body = Api.body(ctx);
    Map<String, Object> draft = Api.optionalObject(body, "definition");
    WorkflowRecord source = draft == null ? r : r.withDefinition(definition(body));
    Workflow wf = s.runnable(source, user.userId());
    List<String> routes = s.testWebhooks.listen(wf);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("webhooks", routes.stream().map(route -> {
      int space = route.indexOf(' ');
      return Map.of("method", route.substring(0, space), "path", "/webhook-test" + route.substring(space + 1));
    }).toList());
    m.put("timeoutSeconds", s.config.testWebhookTimeout().toSeconds());
    Api.ok(ctx, m);
  }
}
