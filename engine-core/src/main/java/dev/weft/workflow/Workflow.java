package dev.weft.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.weft.internal.Jackson;
import dev.weft.spi.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A workflow: nodes, the connections between them, settings and pinned test data. Immutable. Read one with
 * {@link #fromJson(String)}, build one in code with {@link #builder(String)}. Reading checks the structure; whether
 * node types, parameters and expressions are valid is checked against an engine's node registry when it validates or
 * runs the workflow.
 */
public final class Workflow {
  private final String id;
  private final String name;
  private final WorkflowSettings settings;
  private final List<WorkflowNode> nodes;
  private final List<Connection> connections;
  private final Map<String, List<Item>> pinData;
  private final Map<String, WorkflowNode> byName;

  private Workflow(String id, String name, WorkflowSettings settings, List<WorkflowNode> nodes,
      List<Connection> connections, Map<String, List<Item>> pinData) {
    this.id = id;
    this.name = Objects.requireNonNull(name, "name");
    this.settings = settings == null ? WorkflowSettings.DEFAULTS : settings;
    this.nodes = List.copyOf(nodes);
    this.connections = List.copyOf(connections);
    this.pinData = Collections.unmodifiableMap(new LinkedHashMap<>(pinData));
    Map<String, WorkflowNode> index = new LinkedHashMap<>();
    for (WorkflowNode n : nodes) {
      index.putIfAbsent(n.name(), n);
    }
    this.byName = Collections.unmodifiableMap(index);
  }

  /** Reads a workflow from JSON text. */
  public static Workflow fromJson(String json) {
    Map<String, Object> map;
    try {
      map = Jackson.parseObject(json);
    } catch (JsonProcessingException e) {
      throw new WorkflowException(null, Problem.workflow("malformed JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage()), e);
    }
    return fromMap(map);
  }

  /** Reads a workflow from a JSON file. */
  public static Workflow fromFile(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }

  /** Reads a workflow from JSON values (maps and lists). */
  public static Workflow fromMap(Map<String, Object> json) {
    return WorkflowReader.read(json);
  }

  /** Starts a workflow built in code. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The stored id, or {@code null}. */
  public String id() {
    return id;
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The settings. */
  public WorkflowSettings settings() {
    return settings;
  }

  /** The nodes, in the order given. */
  public List<WorkflowNode> nodes() {
    return nodes;
  }

  /** The node with this name, or {@code null}. */
  public WorkflowNode node(String nodeName) {
    return byName.get(nodeName);
  }

  /** The connections. */
  public List<Connection> connections() {
    return connections;
  }

  /** Pinned output items by node name. */
  public Map<String, List<Item>> pinData() {
    return pinData;
  }

  /** This workflow with another id. */
  public Workflow withId(String newId) {
    return new Workflow(newId, name, settings, nodes, connections, pinData);
  }

  /** This workflow with other settings. */
  public Workflow withSettings(WorkflowSettings newSettings) {
    return new Workflow(id, name, newSettings, nodes, connections, pinData);
  }

  /** This workflow without pinned data. */
  public Workflow withoutPinData() {
    return new Workflow(id, name, settings, nodes, connections, Map.of());
  }

  /** The workflow as JSON values, in the documented format. */
  public Map<String, Object> toMap() {
    return WorkflowWriter.write(this);
  }

  /** The workflow as indented JSON text. */
  public String toJson() {
    return Jackson.writePretty(toMap());
  }

  @Override
  public String toString() {
    return "Workflow[" + (id == null ? "" : id + ", ") + name + ", " + nodes.size() + " nodes]";
  }

  /** Builds a {@link Workflow} in code. */
  public static final class Builder {
    private final String name;
    private String id;
    private WorkflowSettings settings = WorkflowSettings.DEFAULTS;
    private final List<WorkflowNode> nodes = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();
    private final Map<String, List<Item>> pinData = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    /** The id. */
    public Builder id(String value) {
      this.id = value;
      return this;
    }

    /** The settings. */
    public Builder settings(WorkflowSettings value) {
      this.settings = value;
      return this;
    }

    /** Adds a node of a type with parameters; it is placed below the previous one. */
    public Builder node(String nodeName, String type, Map<String, Object> parameters) {
      nodes.add(new WorkflowNode(nodeName, type, 0, 0, nodes.size() * 100, parameters, Map.of(), false,
          RetryPolicy.NONE, OnError.STOP, 0, false, false, ""));
      return this;
    }

    /** Adds a node of a type without parameters. */
    public Builder node(String nodeName, String type) {
      return node(nodeName, type, Map.of());
    }

    /** Adds a node configured in full. */
    public Builder node(WorkflowNode node) {
      nodes.add(node);
      return this;
    }

    /** Connects output 0 of {@code from} to input 0 of {@code to}. */
    public Builder connect(String from, String to) {
      return connect(from, 0, to, 0);
    }

    /** Connects an output to an input. */
    public Builder connect(String from, int output, String to, int input) {
      connections.add(new Connection(from, output, to, input));
      return this;
    }

    /** Pins the output of a node. */
    public Builder pin(String nodeName, List<Item> items) {
      pinData.put(nodeName, List.copyOf(items));
      return this;
    }

    /** Connects the nodes in the order given, each output 0 to the next input 0. */
    public Builder chain(String... nodeNames) {
      for (int i = 0; i + 1 < nodeNames.length; i++) {
        connect(nodeNames[i], nodeNames[i + 1]);
      }
      return this;
    }

    /** The workflow; its structure is checked as {@link Workflow#fromMap} does. */
    public Workflow build() {
      Workflow wf = new Workflow(id, name, settings, nodes, connections, pinData);
      List<Problem> problems = WorkflowReader.checkStructure(wf);
      if (!problems.isEmpty()) {
        throw new WorkflowException(name, problems);
      }
      return wf;
    }
  }

  static Workflow create(String id, String name, WorkflowSettings settings, List<WorkflowNode> nodes,
      List<Connection> connections, Map<String, List<Item>> pinData) {
    return new Workflow(id, name, settings, nodes, connections, pinData);
  }
}
