package dev.weft.spi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The schema of one node (or credential) parameter. The engine validates workflows against it, the web UI renders a
 * form from it, and the agent node derives tool schemas from it.
 *
 * @param name key in the node's parameters
 * @param displayName label for people
 * @param type kind of value
 * @param required whether a value must be given (a default counts)
 * @param defaultValue value used when the workflow gives none, or {@code null}
 * @param description help text
 * @param placeholder example shown in an empty field
 * @param expressions whether the value may contain {@code {{ }}} expressions
 * @param secret whether the value is a secret (credential fields): never logged, never returned by APIs
 * @param options allowed values for {@code OPTIONS} and {@code MULTI_OPTIONS}
 * @param fields nested parameters for {@code COLLECTION} and {@code LIST}
 * @param displayWhen show (and validate) this parameter only when each named parameter has one of the listed values
 */
public record ParameterSpec(
    String name,
    String displayName,
    ParameterType type,
    boolean required,
    Object defaultValue,
    String description,
    String placeholder,
    boolean expressions,
    boolean secret,
    List<Option> options,
    List<ParameterSpec> fields,
    Map<String, List<Object>> displayWhen) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("parameter name '" + name + "' must be an identifier");
    }
    Objects.requireNonNull(type, "type of parameter " + name);
    displayName = displayName == null ? name : displayName;
    description = description == null ? "" : description;
    placeholder = placeholder == null ? "" : placeholder;
    options = List.copyOf(options == null ? List.of() : options);
    fields = List.copyOf(fields == null ? List.of() : fields);
    displayWhen = displayWhen == null ? Map.of() : Map.copyOf(displayWhen);
    if ((type == ParameterType.OPTIONS || type == ParameterType.MULTI_OPTIONS) && options.isEmpty()) {
      throw new IllegalArgumentException("parameter " + name + " of type " + type + " needs options");
    }
  }

  /** Whether this parameter applies given the other parameter values (see {@link #displayWhen()}). */
  public boolean appliesTo(Map<String, Object> parameterValues) {
    for (Map.Entry<String, List<Object>> condition : displayWhen.entrySet()) {
      Object actual = parameterValues.containsKey(condition.getKey())
          ? parameterValues.get(condition.getKey())
          : null;
      boolean matched = false;
      for (Object allowed : condition.getValue()) {
        if (Json.equal(allowed, actual)) {
          matched = true;
          break;
        }
      }
      if (!matched) {
        return false;
      }
    }
    return true;
  }

  /** The option with this value, if it is one. */
  public boolean allows(Object value) {
    for (Option o : options) {
      if (Json.equal(o.value(), value)) {
        return true;
      }
    }
    return false;
  }

  /** Starts a parameter of the given type. */
  public static Builder builder(String name, ParameterType type) {
    return new Builder(name, type);
  }

  /** Starts a text parameter. */
  public static Builder string(String name) {
    return new Builder(name, ParameterType.STRING);
  }

  /** Starts a number parameter. */
  public static Builder number(String name) {
    return new Builder(name, ParameterType.NUMBER);
  }

  /** Starts a boolean parameter. */
  public static Builder bool(String name) {
    return new Builder(name, ParameterType.BOOLEAN);
  }

  /** Starts a JSON parameter. */
  public static Builder json(String name) {
    return new Builder(name, ParameterType.JSON);
  }

  /** Starts a choice among options; the first option is the default unless another is set. */
  public static Builder options(String name, Option... options) {
    Builder b = new Builder(name, ParameterType.OPTIONS).options(options);
    b.defaultValue = options.length > 0 ? options[0].value() : null;
    return b;
  }

  /** Starts a choice among options given as plain values. */
  public static Builder options(String name, String... values) {
    return options(name, Arrays.stream(values).map(Option::of).toArray(Option[]::new));
  }

  /** Starts an object parameter with named fields. */
  public static Builder collection(String name, ParameterSpec... fields) {
    return new Builder(name, ParameterType.COLLECTION).fields(fields);
  }

  /** Starts a list parameter whose entries are objects with these fields. */
  public static Builder list(String name, ParameterSpec... fields) {
    return new Builder(name, ParameterType.LIST).fields(fields);
  }

  /** Builds a {@link ParameterSpec}. */
  public static final class Builder {
    private final String name;
    private final ParameterType type;
    private String displayName;
    private boolean required;
    private Object defaultValue;
    private String description;
    private String placeholder;
    private boolean expressions = true;
    private boolean secret;
    private final List<Option> options = new ArrayList<>();
    private final List<ParameterSpec> fields = new ArrayList<>();
    private final Map<String, List<Object>> displayWhen = new LinkedHashMap<>();

    private Builder(String name, ParameterType type) {
      this.name = name;
      this.type = type;
    }

    /** Label for people. */
    public Builder displayName(String value) {
      this.displayName = value;
      return this;
    }

    /** A value must be given. */
    public Builder required() {
      this.required = true;
      return this;
    }

    /** Value used when the workflow gives none. */
    public Builder defaultValue(Object value) {
      this.defaultValue = value;
      return this;
    }

    /** Help text. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Example shown in an empty field. */
    public Builder placeholder(String value) {
      this.placeholder = value;
      return this;
    }

    /** The value is taken literally; {@code {{ }}} is not evaluated. */
    public Builder noExpressions() {
      this.expressions = false;
      return this;
    }

    /** The value is a secret. */
    public Builder secret() {
      this.secret = true;
      return this;
    }

    /** Allowed values. */
    public Builder options(Option... values) {
      this.options.addAll(Arrays.asList(values));
      return this;
    }

    /** Nested parameters of a collection or of each list entry. */
    public Builder fields(ParameterSpec... values) {
      this.fields.addAll(Arrays.asList(values));
      return this;
    }

    /** Applies only when {@code parameter} has one of {@code values}. */
    public Builder displayWhen(String parameter, Object... values) {
      this.displayWhen.put(parameter, List.of(values));
      return this;
    }

    /** The finished spec. */
    public ParameterSpec build() {
      return new ParameterSpec(name, displayName, type, required, defaultValue, description, placeholder,
          expressions, secret, options, fields, displayWhen);
    }
  }
}
