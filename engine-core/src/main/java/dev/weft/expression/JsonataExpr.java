package dev.weft.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An expression evaluated by dashjoin's JSONata.
 *
 * <p><b>Thread safety.</b> dashjoin 0.9.x does not evaluate on the {@code Jsonata} object it is called on: every
 * evaluation runs on a per-thread evaluator found through a static {@code ThreadLocal}, which the {@code Jsonata}
 * constructor sets to the instance just built. That evaluator keeps its current input and environment in fields
 * while it runs. The shared object itself is only read by {@code evaluate(input, frame)} (its parsed tree, its
 * environment of registered functions) apart from a benign timestamp write. So a compiled expression may be
 * evaluated from many threads at once <i>provided it never becomes some thread's per-thread evaluator</i>:
 * right after compiling, this class builds a throwaway expression on the same thread to take that place
 * ({@link #park()}). Every evaluation also passes its own frame, so no evaluation binds variables into the shared
 * environment. The concurrency test evaluates one template from many threads to hold this in place.
 */
final class JsonataExpr implements Expr {
  /** Variables Weft binds, by name without {@code $}. */
  static final Set<String> VARIABLES = Set.of("json", "input", "itemIndex", "runIndex", "vars", "execution",
      "workflow", "now", "today");

  private final Jsonata jsonata;
  private final String template;
  private final int offset;
  private final ExpressionLimits limits;
  private final boolean bindsJson;
  private final boolean bindsInput;
  private final boolean bindsItemIndex;
  private final boolean bindsRunIndex;
  private final boolean bindsVars;
  private final boolean bindsExecution;
  private final boolean bindsWorkflow;
  private final boolean bindsNow;
  private final boolean bindsToday;
  private final boolean otherNodes;
  private final boolean needsScope;
  private final boolean mayRunAway;

  private JsonataExpr(Jsonata jsonata, String expression, String template, int offset, ExpressionLimits limits,
      Set<String> names, boolean nowCalled) {
    this.jsonata = jsonata;
    this.template = template;
    this.offset = offset;
    this.limits = limits;
    this.bindsJson = names.contains("json");
    this.bindsInput = names.contains("input");
    this.bindsItemIndex = names.contains("itemIndex");
    this.bindsRunIndex = names.contains("runIndex");
    this.bindsVars = names.contains("vars");
    this.bindsExecution = names.contains("execution");
    this.bindsWorkflow = names.contains("workflow");
    this.bindsNow = names.contains("now") && !nowCalled;
    this.bindsToday = names.contains("today");
    this.otherNodes = names.contains("node") || names.contains("nodeItems");
    boolean scoped = false;
    for (String name : names) {
      scoped |= Library.SCOPED.contains(name);
    }
    this.needsScope = scoped;
    this.mayRunAway = mayRunAway(expression, names);
  }

  /**
   * Whether evaluation time or depth could run away: only user-defined functions (which may recurse), ranges
   * ({@code [1..n]}) and {@code $eval} can make JSONata do more than a fixed amount of work per input value. Other
   * expressions are evaluated without the per-step watch; their result size is still checked.
   */
  private static boolean mayRunAway(String expression, Set<String> names) {
    return expression.contains("function") || expression.contains("\u03bb") || expression.contains("..")
        || names.contains("eval");
  }

  /**
   * Parses one expression.
   *
   * @param expression the text between {@code {{ }}}
   * @param template the whole template, for error messages
   * @param offset where {@code expression} starts in {@code template}
   */
  static JsonataExpr compile(String expression, String template, int offset, ExpressionLimits limits)
      throws ExpressionException {
    Jsonata jsonata;
    try {
      jsonata = Jsonata.jsonata(expression);
    } catch (JException e) {
      throw new ExpressionException("Syntax error: " + describe(e), template, position(e, expression, offset), null);
    } catch (RuntimeException e) {
      throw new ExpressionException("Syntax error: " + e.getMessage(), template, offset, e);
    }
    Set<String> names = TemplateParser.variables(expression);
    boolean nowCalled = TemplateParser.isCalled(expression, "now");
    for (String name : names) {
      if (name.equals("now") && !nowCalled) {
        continue;
      }
      Jsonata.JFunction function = Library.function(name);
      if (function != null) {
        jsonata.registerFunction(name, function);
      }
    }
    jsonata.setValidateInput(false);
    park();
    return new JsonataExpr(jsonata, expression, template, offset, limits, names, nowCalled);
  }

  /** Makes a throwaway expression this thread's dashjoin evaluator, so that no shared expression ever is. */
  private static void park() {
    Jsonata.jsonata("0");
  }

  private static String describe(JException e) {
    String message = e.getMessage();
    String code = e.getError();
    if (message == null || message.isBlank()) {
      message = code;
    }
    return code != null && !code.equals(message) ? message + " (" + code + ")" : message;
  }

  private static int position(JException e, String expression, int offset) {
    int location = e.getLocation();
    if (location < 0) {
      return -1;
    }
    return offset + Math.min(location, expression.length());
  }

  @Override
  public boolean referencesOtherNodes() {
    return otherNodes;
  }

  @Override
  public Object evaluate(ExpressionScope scope) throws ExpressionException {
    Map<String, Object> json = scope.json();
    if (json == null) {
      json = Map.of();
    }
    Jsonata.Frame frame = new Jsonata.Frame(null);
    if (bindsJson) {
      frame.bind("json", json);
    }
    if (bindsInput) {
      Map<String, Object> item = new LinkedHashMap<>(2);
      item.put("json", json);
      Map<String, Object> input = new LinkedHashMap<>(4);
      input.put("item", item);
      input.put("index", (long) scope.itemIndex());
      frame.bind("input", input);
    }
    if (bindsItemIndex) {
      frame.bind("itemIndex", (long) scope.itemIndex());
    }
    if (bindsRunIndex) {
      frame.bind("runIndex", (long) scope.runIndex());
    }
    if (bindsVars) {
      frame.bind("vars", orEmpty(scope.vars()));
    }
    if (bindsExecution) {
      frame.bind("execution", orEmpty(scope.execution()));
    }
    if (bindsWorkflow) {
      frame.bind("workflow", orEmpty(scope.workflow()));
    }
    if (bindsNow) {
      frame.bind("now", Library.now(scope));
    }
    if (bindsToday) {
      frame.bind("today", Library.today(scope));
    }
    Bounds bounds = null;
    if (mayRunAway) {
      bounds = new Bounds(limits);
      frame.setEvaluateEntryCallback(bounds);
      frame.setEvaluateExitCallback(bounds);
    }
    ExpressionScope previous = null;
    if (needsScope) {
      previous = Library.SCOPE.get();
      Library.SCOPE.set(scope);
    }
    Object raw;
    try {
      raw = jsonata.evaluate(json, frame);
    } catch (StackOverflowError e) {
      throw fail("the expression nests too deeply (the Java stack ran out)", -1, null);
    } catch (RuntimeException e) {
      if (bounds != null && bounds.exceeded() != null) {
        throw fail(bounds.exceeded(), -1, null);
      }
      throw translate(e);
    } finally {
      if (needsScope) {
        if (previous == null) {
          Library.SCOPE.remove();
        } else {
          Library.SCOPE.set(previous);
        }
      }
    }
    if (Values.isFunction(raw)) {
      throw fail("the expression evaluates to a function, not a value", -1, null);
    }
    try {
      return Values.normalize(raw, new Values.Budget(limits.maxResultChars()));
    } catch (Values.TooLarge | Values.NotJson e) {
      throw fail(e.getMessage(), -1, null);
    }
  }

  private static Map<String, Object> orEmpty(Map<String, Object> map) {
    return map == null ? Map.of() : map;
  }

  private ExpressionException fail(String reason, int position, Throwable cause) {
    return new ExpressionException(reason, template, position, cause);
  }

  private ExpressionException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Library.ScopeFailure sf) {
        return new ExpressionException(sf.failure.reason(), template, -1, sf.failure);
      }
      if (t instanceof Library.FunctionError || t instanceof Bounds.Exceeded || t instanceof Values.TooLarge) {
        return fail(t.getMessage(), -1, null);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (e instanceof JException je) {
      return fail(describe(je), position(je, template.substring(Math.min(offset, template.length())), offset), null);
    }
    return fail("evaluation failed: " + e, -1, e);
  }
}
