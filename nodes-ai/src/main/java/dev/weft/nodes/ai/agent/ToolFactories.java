package dev.weft.nodes.ai.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The tool kinds an agent node knows, by name. Built once by the node pack: the built-in kinds ({@code node},
 * {@code workflow}) and whatever other packages add with {@link #with}. The {@code agent} and {@code handoff} kinds
 * are the agent's own and always present.
 */
public final class ToolFactories {
  private final Map<String, ToolFactory> byKind;

  private ToolFactories(Map<String, ToolFactory> byKind) {
    this.byKind = Collections.unmodifiableMap(byKind);
  }

  /** The built-in kinds: {@code node} (a node type of the registry) and {@code workflow} (a sub-workflow). */
  public static ToolFactories builtIn() {
    Map<String, ToolFactory> m = new LinkedHashMap<>();
    m.put(NodeTool.KIND, NodeTool::create);
    m.put(WorkflowTool.KIND, WorkflowTool::create);
    return new ToolFactories(m);
  }

  /** These kinds and one more. */
  public ToolFactories with(String kind, ToolFactory factory) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(factory, "factory");
    if (byKind.containsKey(kind) || AgentRunner.OWN_KINDS.contains(kind)) {
      throw new IllegalArgumentException("tool kind '" + kind + "' is registered already");
    }
    Map<String, ToolFactory> m = new LinkedHashMap<>(byKind);
    m.put(kind, factory);
    return new ToolFactories(m);
  }

  /** The factory of a kind, or {@code null}. */
  public ToolFactory get(String kind) {
    return byKind.get(kind);
  }

  /** The registered kinds, without the agent's own. */
  public Set<String> kinds() {
    return byKind.keySet();
  }
}
