package dev.weft.execution;

import dev.weft.internal.Jackson;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.NodePack;
import dev.weft.spi.ParameterSpec;
import dev.weft.spi.Port;
import dev.weft.spi.Suspension;
import dev.weft.spi.TriggerActivation;
import dev.weft.spi.TriggerContext;
import dev.weft.spi.TriggerNode;
import dev.weft.spi.WebhookResponse;
import dev.weft.spi.WorkflowSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small nodes that exercise the engine's semantics in its own tests (the real node packs live in other modules). */
public final class TestNodes implements NodePack {
  /** Calls per node name, for tests that count runs. */
  public static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  /** Node names in the order they ran. */
  public static final List<String> ORDER = new CopyOnWriteArrayList<>();
  /** Items each trigger node last passed on, by node name. */
  public static final Map<String, List<Item>> SEEN = new ConcurrentHashMap<>();
  /** A barrier parallel branches meet at. */
  public static volatile CyclicBarrier barrier;

  @Override
  public String id() {
    return "test";
  }

  @Override
  public List<Node> nodes() {
    return List.of(new Trigger(), new Emit(), new Tag(), new Fail(), new Sleep(), new Branch(), new Append(),
        new Suspend(), new Meet(), new Sub(), new Loop(), new Null(), new Secret());
  }

  @Override
  public List<dev.weft.spi.CredentialType> credentialTypes() {
    return List.of(dev.weft.spi.CredentialType.builder("test.key").displayName("Test key")
        .fields(ParameterSpec.string("user").required(), ParameterSpec.string("token").required().secret())
        .build());
  }

  /** test.secret: reads its test.key credential and outputs the user and the token's length. */
  static final class Secret implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.secret").credential("test.key", true).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      dev.weft.spi.Credentials c = context.credentials("test.key");
      return NodeOutput.of(List.of(Item.of("user", c.string("user"), "tokenLength", c.require("token").length())));
    }
  }

  public static void reset() {
    CALLS.clear();
    ORDER.clear();
    SEEN.clear();
  }

  public static int calls(String node) {
    AtomicInteger c = CALLS.get(node);
    return c == null ? 0 : c.get();
  }

  static void count(NodeContext ctx) {
    String name = ctx.execution().nodeName();
    CALLS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    ORDER.add(name);
  }

  /** test.trigger: passes the run's input on; when activated, a cron schedule, a poller or a webhook. */
  static final class Trigger implements TriggerNode {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.trigger").inputs().group("trigger").parameters(
          ParameterSpec.string("cron"), ParameterSpec.number("everyMs"), ParameterSpec.string("path")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      count(context);
      SEEN.put(context.execution().nodeName(), context.items());
      return NodeOutput.of(context.items());
    }

    @Override
    public TriggerActivation activate(TriggerContext context) throws Exception {
      String cron = context.parameter("cron", String.class);
      Number every = context.parameter("everyMs", Number.class);
      String path = context.parameter("path", String.class);
      if (cron != null) {
        return context.schedule(cron, null, () -> context.emit(List.of(Item.of("tick", "cron"))));
      }
      if (every != null) {
        return context.every(Duration.ofMillis(every.longValue()), () -> context.emit(List.of(Item.of("tick", "poll"))));
      }
      if (path != null) {
        return context.webhook("POST", path, request -> {
          var summary = context.emit(List.of(Item.of("body", new String(request.body()),
              "id", request.pathParameters().get("id"))))
              .toCompletableFuture().get(5, TimeUnit.SECONDS);
          return WebhookResponse.json(200, Jackson.write(summary.output().stream().map(Item::json).toList()));
        });
      }
      return TriggerActivation.none();
    }
  }

  /** test.emit: outputs the items of its {@code items} parameter (a list of objects). */
  static final class Emit implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.emit").parameters(ParameterSpec.json("items").required()).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public NodeOutput execute(NodeContext context) throws NodeException {
      count(context);
      List<Object> items = context.parameter("items", 0, List.class);
      List<Item> out = new ArrayList<>();
      for (Object o : items) {
        out.add(Item.of((Map<String, Object>) o).pairedWith(0));
      }
      return NodeOutput.of(out);
    }
  }

  /** test.tag: sets field {@code key} to {@code value} (resolved per item) on each item. */
  static final class Tag implements ItemNode {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.tag").parameters(ParameterSpec.string("key").defaultValue("tag"),
          ParameterSpec.json("value")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      count(context);
      return ItemNode.super.execute(context);
    }

    @Override
    public Item process(Item item, int i, NodeContext context) throws NodeException {
      Map<String, Object> json = new LinkedHashMap<>(item.json());
      json.put(context.string("key", i), context.parameter("value", i));
      return item.withJson(json);
    }
  }

  /**
   * test.fail: fails items whose {@code fail} field is true (per item), or the whole node when {@code always};
   * {@code failTimes} fails only the first N calls of this node (for retries).
   */
  static final class Fail implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.fail").parameters(ParameterSpec.bool("always"),
          ParameterSpec.number("failTimes"), ParameterSpec.string("message").defaultValue("boom")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      count(context);
      int call = calls(context.execution().nodeName());
      Number failTimes = context.parameter("failTimes", 0, Number.class);
      if (failTimes != null) {
        if (call <= failTimes.intValue()) {
          throw new IllegalStateException("failure " + call + " of " + failTimes);
        }
        return NodeOutput.of(context.items());
      }
      if (context.bool("always", 0)) {
        throw NodeException.parameter("always", -1, context.string("message", 0));
      }
      NodeOutput.Builder out = context.output();
      List<Item> items = context.items();
      for (int i = 0; i < items.size(); i++) {
        if (Boolean.TRUE.equals(items.get(i).json().get("fail"))) {
          out.fail(i, new NodeException("item " + i + " is bad"));
        } else {
          out.add(0, items.get(i).pairedWith(i));
        }
      }
      return out.build();
    }
  }

  /** test.sleep: sleeps {@code ms} milliseconds, interruptibly unless {@code stubborn}. */
  static final class Sleep implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.sleep").parameters(ParameterSpec.number("ms").required(),
          ParameterSpec.bool("stubborn")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      count(context);
      long ms = context.parameter("ms", 0, Long.class);
      if (context.bool("stubborn", 0)) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
      } else {
        Thread.sleep(ms);
      }
      return NodeOutput.of(context.items());
    }
  }

  /** test.branch: items whose {@code field} is truthy go to output 0 ("yes"), others to output 1 ("no"). */
  static final class Branch implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.branch").outputs(Port.of("yes"), Port.of("no"))
          .parameters(ParameterSpec.string("field").defaultValue("ok")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      count(context);
      List<Item> yes = new ArrayList<>();
      List<Item> no = new ArrayList<>();
      List<Item> items = context.items();
      for (int i = 0; i < items.size(); i++) {
        Object v = items.get(i).json().get(context.string("field", i));
        (Boolean.TRUE.equals(v) ? yes : no).add(items.get(i).pairedWith(i));
      }
      return NodeOutput.of(yes, no);
    }
  }

  /** test.append: two inputs, appended; {@code requireBoth} marks both inputs required. */
  static final class Append implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.append").inputs(Port.of("a"), new Port("b", "b", false)).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      count(context);
      List<Item> out = new ArrayList<>();
      for (int input = 0; input < 2; input++) {
        List<Item> items = context.items(input);
        for (int i = 0; i < items.size(); i++) {
          out.add(items.get(i).pairedWith(List.of(new dev.weft.spi.PairedItem(i, input))));
        }
      }
      return NodeOutput.of(out);
    }
  }

  /** test.suspend: suspends until {@code afterMs} from now (or until called); on resume outputs input + payload. */
  static final class Suspend implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.suspend").parameters(ParameterSpec.number("afterMs")).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      count(context);
      if (context.resumption().isPresent()) {
        List<Item> out = new ArrayList<>();
        for (Item item : context.items()) {
          Map<String, Object> json = new LinkedHashMap<>(item.json());
          json.put("resumedByCall", context.resumption().get().byCall());
          json.putAll(context.resumption().get().payload());
          out.add(item.withJson(json));
        }
        return NodeOutput.of(out);
      }
      Number after = context.parameter("afterMs", 0, Number.class);
      return NodeOutput.suspend(after == null ? Suspension.untilResumed(null)
          : Suspension.until(context.clock().instant().plusMillis(after.longValue())));
    }
  }

  /** test.meet: waits at {@link TestNodes#barrier}, proving branches run at the same time. */
  static final class Meet implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.meet").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws Exception {
      count(context);
      barrier.await(5, TimeUnit.SECONDS);
      return NodeOutput.of(context.items());
    }
  }

  /** test.sub: runs the workflow given inline or by id as a sub-workflow, waiting or not. */
  static final class Sub implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.sub").parameters(ParameterSpec.string("workflowId"),
          ParameterSpec.json("workflow").noExpressions(), ParameterSpec.bool("wait").defaultValue(true)).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public NodeOutput execute(NodeContext context) throws NodeException {
      count(context);
      String id = context.string("workflowId", 0);
      WorkflowSource source = id != null ? WorkflowSource.byId(id)
          : WorkflowSource.inline((Map<String, Object>) context.rawParameter("workflow"));
      if (context.bool("wait", 0)) {
        return NodeOutput.of(context.workflows().run(source, context.items()));
      }
      String child = context.workflows().start(source, context.items());
      return NodeOutput.of(List.of(Item.of("child", child)));
    }
  }

  /** test.loop: governs a loop; emits its items on "loop" until it has run {@code times} times, then on "done". */
  static final class Loop implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.loop").governsLoops().outputs(Port.of("done"), Port.of("loop"))
          .parameters(ParameterSpec.number("times").defaultValue(3)).build();
    }

    @Override
    public NodeOutput execute(NodeContext context) throws NodeException {
      count(context);
      int done = ((Number) context.nodeState().merge("runs", 1, (a, b) -> (Integer) a + (Integer) b)).intValue();
      int times = context.parameter("times", 0, Integer.class);
      return done >= times ? NodeOutput.of(context.items(), List.of()) : NodeOutput.of(List.of(), context.items());
    }
  }

  /** test.null: returns null, as a broken node might. */
  static final class Null implements Node {
    @Override
    public NodeDescriptor descriptor() {
      return NodeDescriptor.builder("test.null").build();
    }

    @Override
    public NodeOutput execute(NodeContext context) {
      return null;
    }
  }
}
