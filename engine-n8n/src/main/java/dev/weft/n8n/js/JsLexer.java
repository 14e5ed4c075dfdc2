package dev.weft.n8n.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits JavaScript source into tokens: the expression subset n8n workflows use, plus statement punctuation. */
final class JsLexer {

  enum Kind { NUMBER, STRING, TEMPLATE, IDENT, PUNCT, EOF }

  /**
   * One token. For {@link Kind#TEMPLATE} the {@code parts} hold alternating literal text and raw expression source,
   * starting and ending with text.
   */
  record Token(Kind kind, String text, Object value, int pos, List<String> parts) {
    boolean is(String punct) {
      return kind == Kind.PUNCT && text.equals(punct);
    }

    boolean isWord(String word) {
      return kind == Kind.IDENT && text.equals(word);
    }

    @Override
    public String toString() {
      return kind == Kind.EOF ? "end of input" : "'" + text + "'";
    }
  }

  private static final String[] PUNCTS = {
    ">>>=", "===", "!==", "**=", "<<=", ">>=", ">>>", "...",
    "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "**", "<<", ">>",
    "&=", "|=", "^=",
    "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "!", "~", "?", ":", "=",
    ".", "@", "#"
  };

  private static final Set<String> REGEX_PRECEDERS = Set.of("(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}",
      ";", "&&", "||", "??", "return", "typeof", "=>", "===", "!==", "==", "!=");

  private final String src;
  private int pos;

  private JsLexer(String src) {
    this.src = src;
  }

  /** Tokenizes the whole source; throws {@link JsSyntaxException} on a character or literal it cannot read. */
  static List<Token> tokenize(String src) {
    return new JsLexer(src).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= src.length()) {
        tokens.add(new Token(Kind.EOF, "", null, pos, null));
        return tokens;
      }
      char c = src.charAt(pos);
      int start = pos;
      if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
        tokens.add(number());
      } else if (c == '"' || c == '\'') {
        tokens.add(new Token(Kind.STRING, src.substring(start, skipString(c)), stringValue(c), start, null));
      } else if (c == '`') {
        tokens.add(template());
      } else if (Character.isJavaIdentifierStart(c)) {
        while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
          pos++;
        }
        String word = src.substring(start, pos);
        tokens.add(new Token(Kind.IDENT, word, word, start, null));
      } else if (c == '/' && regexAllowed(tokens)) {
        throw new JsSyntaxException("regular expression literals are not supported", start);
      } else {
        String punct = null;
        for (String p : PUNCTS) {
          if (src.startsWith(p, pos)) {
            punct = p;
            break;
          }
        }
        if (punct == null) {
          throw new JsSyntaxException("unexpected character '" + c + "'", start);
        }
        // "?." followed by a digit is a conditional followed by a number: a?.5:1
        if (punct.equals("?.") && pos + 2 < src.length() && Character.isDigit(src.charAt(pos + 2))) {
          punct = "?";
        }
        pos += punct.length();
        tokens.add(new Token(Kind.PUNCT, punct, punct, start, null));
      }
    }
  }

  private static boolean regexAllowed(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return true;
    }
    Token last = tokens.get(tokens.size() - 1);
    return (last.kind() == Kind.PUNCT || last.kind() == Kind.IDENT) && REGEX_PRECEDERS.contains(last.text());
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c) || c == '\uFEFF') {
        pos++;
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (src.startsWith("/*", pos)) {
        int end = src.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new JsSyntaxException("unclosed comment", pos);
        }
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private Token number() {
    int start = pos;
    if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
      pos += 2;
      while (pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
        pos++;
      }
      String text = src.substring(start, pos);
      return new Token(Kind.NUMBER, text, Long.parseLong(text.substring(2), 16), start, null);
    }
    while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    boolean decimal = false;
    if (pos < src.length() && src.charAt(pos) == '.') {
      decimal = true;
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      decimal = true;
      pos++;
      if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
        pos++;
      }
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
    }
    String text = src.substring(start, pos);
    String digits = text.replace("_", "");
    Number value;
    if (decimal) {
      value = Double.parseDouble(digits);
    } else {
      try {
        value = Long.parseLong(digits);
      } catch (NumberFormatException tooBig) {
        value = Double.parseDouble(digits);
      }
    }
    if (pos < src.length() && Character.isJavaIdentifierStart(src.charAt(pos))) {
      throw new JsSyntaxException("malformed number '" + text + src.charAt(pos) + "'", start);
    }
    return new Token(Kind.NUMBER, text, value, start, null);
  }

  private int skipString(char quote) {
    int p = pos + 1;
    while (p < src.length() && src.charAt(p) != quote) {
      if (src.charAt(p) == '\\') {
        p++;
      } else if (src.charAt(p) == '\n') {
        throw new JsSyntaxException("unterminated string", pos);
      }
      p++;
    }
    if (p >= src.length()) {
      throw new JsSyntaxException("unterminated string", pos);
    }
    return p + 1;
  }

  private String stringValue(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (src.charAt(pos) != quote) {
      char c = src.charAt(pos);
      if (c == '\\') {
        pos = escape(sb, pos + 1, start);
      } else {
        sb.append(c);
        pos++;
      }
    }
    pos++;
    return sb.toString();
  }

  /** Reads the escape whose letter is at {@code p}; returns the position after it. */
  private int escape(StringBuilder sb, int p, int tokenStart) {
    if (p >= src.length()) {
      throw new JsSyntaxException("unterminated string", tokenStart);
    }
    char e = src.charAt(p);
    switch (e) {
      case 'n' -> sb.append('\n');
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'v' -> sb.append('\u000B');
      case '0' -> sb.append('\0');
      case '\n' -> { }
      case 'u' -> {
        if (p + 1 < src.length() && src.charAt(p + 1) == '{') {
          int end = src.indexOf('}', p);
          if (end < 0) {
            throw new JsSyntaxException("malformed \\u{} escape", p - 1);
          }
          sb.appendCodePoint(Integer.parseInt(src.substring(p + 2, end), 16));
          return end + 1;
        }
        if (p + 5 > src.length()) {
          throw new JsSyntaxException("malformed \\u escape", p - 1);
        }
        try {
          sb.append((char) Integer.parseInt(src.substring(p + 1, p + 5), 16));
        } catch (NumberFormatException ex) {
          throw new JsSyntaxException("malformed \\u escape", p - 1);
        }
        return p + 5;
      }
      case 'x' -> {
        if (p + 3 > src.length()) {
          throw new JsSyntaxException("malformed \\x escape", p - 1);
        }
        try {
          sb.append((char) Integer.parseInt(src.substring(p + 1, p + 3), 16));
        } catch (NumberFormatException ex) {
          throw new JsSyntaxException("malformed \\x escape", p - 1);
        }
        return p + 3;
      }
      default -> sb.append(e);
    }
    return p + 1;
  }

  private Token template() {
    int start = pos;
    pos++;
    List<String> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new JsSyntaxException("unterminated template literal", start);
      }
      char c = src.charAt(pos);
      if (c == '`') {
        pos++;
        parts.add(text.toString());
        return new Token(Kind.TEMPLATE, src.substring(start, pos), null, start, List.copyOf(parts));
      }
      if (c == '\\') {
        pos = escape(text, pos + 1, start);
      } else if (c == '$' && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
        parts.add(text.toString());
        text.setLength(0);
        int exprStart = pos + 2;
        int end = matchingBrace(exprStart, start);
        parts.add(src.substring(exprStart, end));
        pos = end + 1;
      } else {
        text.append(c);
        pos++;
      }
    }
  }

  /** Position of the '}' closing a template substitution that starts at {@code p}. */
  private int matchingBrace(int p, int tokenStart) {
    int depth = 0;
    while (p < src.length()) {
      char c = src.charAt(p);
      if (c == '"' || c == '\'') {
        int save = pos;
        pos = p;
        p = skipString(c);
        pos = save;
        continue;
      }
      if (c == '`') {
        int save = pos;
        pos = p;
        template();
        p = pos;
        pos = save;
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return p;
        }
        depth--;
      }
      p++;
    }
    throw new JsSyntaxException("unterminated ${ } in template literal", tokenStart);
  }
}
