package dev.weft.execution;

import dev.weft.expression.ExpressionException;
import dev.weft.expression.ExpressionScope;
import dev.weft.expression.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter value compiled once per workflow: constants stay as they are (resolving them costs nothing), strings
 * with {@code {{ }}} become templates, and maps and lists holding templates are resolved part by part.
 */
sealed interface ParamValue {

  /** The value for one item. */
  Object resolve(ExpressionScope scope) throws ExpressionException;

  /** Whether the value holds no template (resolving needs no scope). */
  boolean isConstant();

  /** The value as the workflow holds it. */
  Object raw();

  /** A value without templates. */
  record Constant(Object value) implements ParamValue {
    @Override
    public Object resolve(ExpressionScope scope) {
      return value;
    }

    @Override
    public boolean isConstant() {
      return true;
    }

    @Override
    public Object raw() {
      return value;
    }
  }

  /** A string holding {@code {{ }}}. */
  record TemplateValue(Template template) implements ParamValue {
    @Override
    public Object resolve(ExpressionScope scope) throws ExpressionException {
      return template.evaluate(scope);
    }

    @Override
    public boolean isConstant() {
      return false;
    }

    @Override
    public Object raw() {
      return template.source();
    }
  }

  /** An object some of whose values hold templates. */
  record MapValue(Map<String, ParamValue> entries, Map<String, Object> raw) implements ParamValue {
    @Override
    public Object resolve(ExpressionScope scope) throws ExpressionException {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, entries.size() * 2));
      for (Map.Entry<String, ParamValue> e : entries.entrySet()) {
        out.put(e.getKey(), e.getValue().resolve(scope));
      }
      return out;
    }

    @Override
    public boolean isConstant() {
      return false;
    }
  }

  /** A list some of whose entries hold templates. */
  record ListValue(List<ParamValue> entries, List<Object> raw) implements ParamValue {
    @Override
    public Object resolve(ExpressionScope scope) throws ExpressionException {
      List<Object> out = new ArrayList<>(entries.size());
      for (ParamValue v : entries) {
        out.add(v.resolve(scope));
      }
      return out;
    }

    @Override
    public boolean isConstant() {
      return false;
    }
  }
}
