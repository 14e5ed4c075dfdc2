package dev.weft.nodes.ai.agent;

import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a tool's argument schema from a node type's parameter specs: each parameter the workflow does not fix
 * becomes a property (its type, allowed options, description and default), required when the node requires it and
 * has no default. Parameters shown only for other values of fixed parameters are left out.
 */
final class NodeSchemas {
  private NodeSchemas() {}

  /** The JSON Schema of the arguments for calling {@code descriptor} with {@code fixed} parameters set. */
  static Map<String, Object> arguments(NodeDescriptor descriptor, Map<String, Object> fixed) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    for (ParameterSpec spec : descriptor.parameters()) {
      if (fixed.containsKey(spec.name()) || spec.secret() || !appliesGiven(spec, fixed)) {
        continue;
      }
      properties.put(spec.name(), schema(spec));
      if (spec.required() && spec.defaultValue() == null) {
        required.add(spec.name());
      }
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (!required.isEmpty()) {
      schema.put("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /** False only when a condition on a fixed parameter rules the spec out; conditions on free ones may yet hold. */
  private static boolean appliesGiven(ParameterSpec spec, Map<String, Object> fixed) {
    for (Map.Entry<String, List<Object>> condition : spec.displayWhen().entrySet()) {
      if (fixed.containsKey(condition.getKey())
          && condition.getValue().stream().noneMatch(v -> dev.weft.spi.Json.equal(v, fixed.get(condition.getKey())))) {
        return false;
      }
    }
    return true;
  }

  static Map<String, Object> schema(ParameterSpec spec) {
    Map<String, Object> s = new LinkedHashMap<>();
    switch (spec.type()) {
      case STRING -> s.put("type", "string");
      case NUMBER -> s.put("type", "number");
      case BOOLEAN -> s.put("type", "boolean");
      case OPTIONS -> s.put("enum", values(spec.options()));
      case MULTI_OPTIONS -> {
        s.put("type", "array");
        s.put("items", Map.of("enum", values(spec.options())));
      }
      case JSON -> {
        // any JSON value: no type constraint
      }
      case COLLECTION -> {
        s.put("type", "object");
        if (!spec.fields().isEmpty()) {
          s.put("properties", fields(spec.fields()));
        }
      }
      case LIST -> {
        s.put("type", "array");
        if (!spec.fields().isEmpty()) {
          s.put("items", Map.of("type", "object", "properties", fields(spec.fields())));
        }
      }
      default -> throw new IllegalStateException("unhandled parameter type " + spec.type());
    }
    String description = describe(spec);
    if (!description.isEmpty()) {
      s.put("description", description);
    }
    return s;
  }

  private static Map<String, Object> fields(List<ParameterSpec> fields) {
    Map<String, Object> properties = new LinkedHashMap<>();
    for (ParameterSpec f : fields) {
      if (!f.secret()) {
        properties.put(f.name(), schema(f));
      }
    }
    return properties;
  }

  private static List<Object> values(List<Option> options) {
    List<Object> values = new ArrayList<>();
    for (Option o : options) {
      values.add(o.value());
    }
    return values;
  }

  private static String describe(ParameterSpec spec) {
    StringBuilder sb = new StringBuilder();
    String text = spec.description().isEmpty() ? (spec.displayName().equals(spec.name()) ? "" : spec.displayName())
        : spec.description();
    sb.append(text);
    if (!spec.options().isEmpty() && spec.options().stream().anyMatch(o -> !o.description().isEmpty()
        || !o.label().equals(String.valueOf(o.value())))) {
      List<String> parts = new ArrayList<>();
      for (Option o : spec.options()) {
        parts.add(o.value() + ": " + (o.description().isEmpty() ? o.label() : o.label() + " (" + o.description() + ")"));
      }
      sb.append(sb.length() == 0 ? "" : ". ").append("Options: ").append(String.join("; ", parts));
    }
    if (spec.defaultValue() != null) {
      sb.append(sb.length() == 0 ? "" : ". ").append("Default: ").append(spec.defaultValue());
    }
    return sb.toString();
  }
}
