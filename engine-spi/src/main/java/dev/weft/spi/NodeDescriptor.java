package dev.weft.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a node is: its stable type id and version, how people see it, its inputs, outputs, parameters and credentials.
 *
 * <p>The type id is namespaced and never changes once published ({@code weft.set}, {@code acme.invoice}); renamed
 * types keep their old ids as {@link #aliases()}. A breaking change to parameters means a new {@link #version()} of the
 * same type, and both versions stay registered so old workflows keep working.
 *
 * @param type stable, namespaced type id: lower-case segments separated by dots, at least two segments
 * @param version version of this type, from 1
 * @param aliases other ids that resolve to this type
 * @param displayName name shown to people
 * @param group where the node is filed: {@code trigger, transform, flow, input, output, ai, utility}
 * @param description one sentence saying what the node does
 * @param icon an icon hint for user interfaces (a name such as {@code fa:filter} or a URL)
 * @param inputs the node's inputs; triggers have none
 * @param outputs the node's outputs (see {@link Node#outputs(java.util.Map)} for outputs that depend on parameters)
 * @param parameters parameter schema
 * @param credentials credential types the node may use
 * @param governsLoops whether the node may close a cycle in the workflow graph (loop nodes such as Split In Batches)
 */
public record NodeDescriptor(
    String type,
    int version,
    List<String> aliases,
    String displayName,
    String group,
    String description,
    String icon,
    List<Port> inputs,
    List<Port> outputs,
    List<ParameterSpec> parameters,
    List<CredentialRequirement> credentials,
    boolean governsLoops) {

  private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-zA-Z][a-zA-Z0-9-]*)+");

  public NodeDescriptor {
    Objects.requireNonNull(type, "type");
    if (!TYPE_ID.matcher(type).matches()) {
      throw new IllegalArgumentException("node type id '" + type
          + "' must be namespaced, like 'acme.invoice' (a lower-case namespace, a dot, a name)");
    }
    if (version < 1) {
      throw new IllegalArgumentException("node type " + type + ": version must be 1 or more, was " + version);
    }
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    displayName = displayName == null ? type : displayName;
    group = group == null ? "utility" : group;
    description = description == null ? "" : description;
    icon = icon == null ? "" : icon;
    inputs = List.copyOf(inputs == null ? List.of(Port.main()) : inputs);
    outputs = List.copyOf(outputs == null ? List.of(Port.main()) : outputs);
    parameters = List.copyOf(parameters == null ? List.of() : parameters);
    credentials = List.copyOf(credentials == null ? List.of() : credentials);
    Set<String> names = new HashSet<>();
    for (ParameterSpec p : parameters) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("node type " + type + " declares parameter '" + p.name() + "' twice");
      }
    }
  }

  /** The parameter spec with this name, or {@code null}. */
  public ParameterSpec parameter(String name) {
    for (ParameterSpec p : parameters) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /** Whether the node may use credentials of this type. */
  public boolean usesCredential(String credentialType) {
    for (CredentialRequirement c : credentials) {
      if (c.type().equals(credentialType)) {
        return true;
      }
    }
    return false;
  }

  /** Starts a descriptor for a type id; version 1, one main input and output unless set. */
  public static Builder builder(String type) {
    return new Builder(type);
  }

  /** Builds a {@link NodeDescriptor}. */
  public static final class Builder {
    private final String type;
    private int version = 1;
    private final List<String> aliases = new ArrayList<>();
    private String displayName;
    private String group;
    private String description;
    private String icon;
    private List<Port> inputs;
    private List<Port> outputs;
    private final List<ParameterSpec> parameters = new ArrayList<>();
    private final List<CredentialRequirement> credentials = new ArrayList<>();
    private boolean governsLoops;

    private Builder(String type) {
      this.type = type;
    }

    /** Version of the type. */
    public Builder version(int value) {
      this.version = value;
      return this;
    }

    /** Other ids that resolve to this type. */
    public Builder aliases(String... values) {
      this.aliases.addAll(Arrays.asList(values));
      return this;
    }

    /** Name shown to people. */
    public Builder displayName(String value) {
      this.displayName = value;
      return this;
    }

    /** Where the node is filed. */
    public Builder group(String value) {
      this.group = value;
      return this;
    }

    /** One sentence saying what the node does. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Icon hint. */
    public Builder icon(String value) {
      this.icon = value;
      return this;
    }

    /** Inputs, in order. */
    public Builder inputs(Port... values) {
      this.inputs = List.of(values);
      return this;
    }

    /** Outputs, in order. */
    public Builder outputs(Port... values) {
      this.outputs = List.of(values);
      return this;
    }

    /** Parameters, in the order a form shows them. */
    public Builder parameters(ParameterSpec... values) {
      this.parameters.addAll(Arrays.asList(values));
      return this;
    }

    /** Parameters, in the order a form shows them. */
    public Builder parameters(ParameterSpec.Builder... values) {
      for (ParameterSpec.Builder b : values) {
        this.parameters.add(b.build());
      }
      return this;
    }

    /** A credential type the node may use. */
    public Builder credential(String credentialType, boolean required) {
      this.credentials.add(new CredentialRequirement(credentialType, required));
      return this;
    }

    /** The node may close a cycle in the graph (a loop node). */
    public Builder governsLoops() {
      this.governsLoops = true;
      return this;
    }

    /** The finished descriptor. */
    public NodeDescriptor build() {
      return new NodeDescriptor(type, version, aliases, displayName, group, description, icon, inputs, outputs,
          parameters, credentials, governsLoops);
    }
  }
}
