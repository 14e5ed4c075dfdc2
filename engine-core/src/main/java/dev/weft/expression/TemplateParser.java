package dev.weft.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Splits template text into literal text and {@code {{ }}} expressions, and scans expressions for {@code $names}. */
final class TemplateParser {
  private TemplateParser() {}

  /**
   * One piece of a template: literal text, or an expression with the offset of its first character in the template.
   */
  record Part(String literal, String expression, int offset) {
    boolean isExpression() {
      return expression != null;
    }
  }

  /**
   * Splits {@code text}. An expression ends at the first {@code }}} that is outside string literals, comments and
   * braces it opened itself, so {@code {{ {"a": {"b": 1}} }}} is one expression.
   */
  static List<Part> split(String text) throws ExpressionException {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int open = text.indexOf("{{", i);
      if (open < 0) {
        parts.add(new Part(text.substring(i), null, i));
        break;
      }
      if (open > i) {
        parts.add(new Part(text.substring(i, open), null, i));
      }
      int start = open + 2;
      int end = findClose(text, start);
      if (end < 0) {
        throw new ExpressionException("'{{' is never closed with '}}'", text, open, null);
      }
      parts.add(new Part(null, text.substring(start, end), start));
      i = end + 2;
    }
    return parts;
  }

  private static int findClose(String text, int from) {
    int depth = 0;
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipQuoted(text, i, c);
        continue;
      }
      if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (c == '}' && depth == 0 && i + 1 < n && text.charAt(i + 1) == '}') {
        return i;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      }
      i++;
    }
    return -1;
  }

  /** The index just after the quoted text starting at {@code i}, or the end of the text when it is unterminated. */
  private static int skipQuoted(String text, int i, char quote) {
    int n = text.length();
    int j = i + 1;
    while (j < n) {
      char c = text.charAt(j);
      if (c == '\\' && quote != '`') {
        j += 2;
        continue;
      }
      if (c == quote) {
        return j + 1;
      }
      j++;
    }
    return n;
  }

  /** The {@code $names} an expression mentions outside string literals and comments (without the {@code $}). */
  static Set<String> variables(String expression) {
    Set<String> names = new LinkedHashSet<>();
    int n = expression.length();
    int i = 0;
    while (i < n) {
      char c = expression.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipQuoted(expression, i, c);
        continue;
      }
      if (c == '/' && i + 1 < n && expression.charAt(i + 1) == '*') {
        int close = expression.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
        continue;
      }
      if (c == '$') {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_')) {
          j++;
        }
        if (j > i + 1) {
          names.add(expression.substring(i + 1, j));
        }
        i = j;
        continue;
      }
      i++;
    }
    return names;
  }

  /** Whether {@code $name} is called somewhere in the expression ({@code $name(}). */
  static boolean isCalled(String expression, String name) {
    String token = "$" + name;
    int at = expression.indexOf(token);
    while (at >= 0) {
      int j = at + token.length();
      boolean wordEnds = j >= expression.length() || !Character.isLetterOrDigit(expression.charAt(j))
          && expression.charAt(j) != '_';
      if (wordEnds) {
        while (j < expression.length() && Character.isWhitespace(expression.charAt(j))) {
          j++;
        }
        if (j < expression.length() && expression.charAt(j) == '(') {
          return true;
        }
      }
      at = expression.indexOf(token, at + 1);
    }
    return false;
  }
}
