package dev.weft.expression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles parameter templates ({@code "Hello {{ $json.name }}"}) whose {@code {{ }}} parts are JSONata expressions.
 * Thread-safe; one per engine. Compiled templates are cached (bounded), so compiling the same text again is cheap.
 *
 * <p>See {@code docs/expressions.md} for the variables and functions expressions can use.
 */
public final class ExpressionEngine {
  private static final int CACHE_SIZE = 10_000;

  private final ExpressionLimits limits;
  private final Cache<String, Template> cache;

  /** An engine whose evaluations are bounded by {@code limits}. */
  public ExpressionEngine(ExpressionLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
  }

  /** The bounds every evaluation runs under. */
  public ExpressionLimits limits() {
    return limits;
  }

  /** Whether {@code text} is a template, that is, contains {@code {{}. */
  public static boolean isTemplate(String text) {
    return text != null && text.contains("{{");
  }

  /**
   * Compiles a template.
   *
   * @throws ExpressionException for an unclosed {@code {{} or a JSONata syntax error, naming the template and the
   *     position in it
   */
  public Template compile(String text) throws ExpressionException {
    Objects.requireNonNull(text, "template text");
    Template cached = cache.getIfPresent(text);
    if (cached != null) {
      return cached;
    }
    Template compiled = doCompile(text);
    cache.put(text, compiled);
    return compiled;
  }

  private Template doCompile(String text) throws ExpressionException {
    List<TemplateParser.Part> parts = TemplateParser.split(text);
    List<String> literals = new ArrayList<>();
    List<Expr> exprs = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    boolean onlyWhitespaceLiterals = true;
    for (TemplateParser.Part part : parts) {
      if (part.isExpression()) {
        literals.add(pending.toString());
        pending.setLength(0);
        exprs.add(compileExpression(part.expression(), text, part.offset()));
      } else {
        pending.append(part.literal());
        if (!part.literal().isBlank()) {
          onlyWhitespaceLiterals = false;
        }
      }
    }
    literals.add(pending.toString());
    boolean single = exprs.size() == 1 && onlyWhitespaceLiterals;
    return new Template(text, literals.toArray(new String[0]), exprs.toArray(new Expr[0]), single,
        limits.maxResultChars());
  }

  private Expr compileExpression(String expression, String template, int offset) throws ExpressionException {
    String body = stripComments(expression).strip();
    if (body.isEmpty()) {
      return Expr.EMPTY;
    }
    JsonataExpr full = JsonataExpr.compile(expression, template, offset, limits);
    PathExpr fast = PathExpr.tryParse(expression, full, limits);
    return fast != null ? fast : full;
  }

  private static String stripComments(String expression) {
    return expression.replaceAll("(?s)/\\*.*?\\*/", "");
  }
}
