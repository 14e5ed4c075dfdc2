package dev.weft.nodes.integrations.database;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code $1}-style placeholders into JDBC's {@code ?}, skipping string literals, quoted identifiers, comments
 * and PostgreSQL dollar-quoted text. {@code $2 … $1} may come in any order and repeat; plain {@code ?} placeholders
 * take the parameters in order. Mixing both is refused.
 */
final class Placeholders {

  /**
   * @param sql the statement with {@code ?} only
   * @param order for each {@code ?}, the index of the parameter it binds
   * @param needed how many parameters the statement reads
   */
  record Parsed(String sql, List<Integer> order, int needed) {}

  private Placeholders() {}

  static Parsed parse(String sql) {
    StringBuilder out = new StringBuilder();
    List<Integer> order = new ArrayList<>();
    boolean dollar = false;
    boolean question = false;
    int needed = 0;
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = i + 1;
        while (end < n) {
          if (sql.charAt(end) == c) {
            if (end + 1 < n && sql.charAt(end + 1) == c) {
              end += 2;
              continue;
            }
            break;
          }
          if (c == '\'' && sql.charAt(end) == '\\' && end + 1 < n) {
            end++;
          }
          end++;
        }
        if (end >= n) {
          throw new IllegalArgumentException("the query has an unclosed " + c + " quote");
        }
        out.append(sql, i, end + 1);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end - 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("the query has an unclosed /* comment");
        }
        out.append(sql, i, end + 2);
        i = end + 1;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        int index = Integer.parseInt(sql.substring(i + 1, end));
        if (index < 1) {
          throw new IllegalArgumentException("placeholders start at $1");
        }
        order.add(index - 1);
        needed = Math.max(needed, index);
        dollar = true;
        out.append('?');
        i = end - 1;
      } else if (c == '$' && (i + 1 < n) && (sql.charAt(i + 1) == '$' || Character.isLetter(sql.charAt(i + 1)))) {
        int tagEnd = sql.indexOf('$', i + 1);
        String tag = tagEnd < 0 ? null : sql.substring(i, tagEnd + 1);
        if (tag != null && tag.matches("\\$[A-Za-z_0-9]*\\$")) {
          int close = sql.indexOf(tag, tagEnd + 1);
          if (close < 0) {
            throw new IllegalArgumentException("the query has an unclosed " + tag + " string");
          }
          out.append(sql, i, close + tag.length());
          i = close + tag.length() - 1;
        } else {
          out.append(c);
        }
      } else if (c == '?') {
        order.add(order.size());
        needed = order.size();
        question = true;
        out.append('?');
      } else {
        out.append(c);
      }
    }
    if (dollar && question) {
      throw new IllegalArgumentException("the query mixes $n and ? placeholders; use one kind");
    }
    return new Parsed(out.toString(), order, needed);
  }
}
