package dev.weft.n8n.importer;

import java.util.List;

/**
 * Converts Moment.js format strings (n8n's Date &amp; Time v1) to the Luxon tokens Weft's Date &amp; Time node reads.
 */
final class MomentFormat {
  private MomentFormat() {}

  /** A Moment token with no Luxon equivalent. */
  static final class UnsupportedToken extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedToken(String message) {
      super(message);
    }
  }

  /** Moment tokens, longest first, with their Luxon counterparts. */
  private static final List<String[]> TOKENS = List.of(
      new String[] {"YYYY", "yyyy"}, new String[] {"YY", "yy"},
      new String[] {"MMMM", "MMMM"}, new String[] {"MMM", "MMM"}, new String[] {"MM", "MM"}, new String[] {"M", "M"},
      new String[] {"DDDD", "ooo"}, new String[] {"DDD", "o"}, new String[] {"DD", "dd"}, new String[] {"D", "d"},
      new String[] {"dddd", "EEEE"}, new String[] {"ddd", "EEE"}, new String[] {"E", "E"},
      new String[] {"HH", "HH"}, new String[] {"H", "H"}, new String[] {"hh", "hh"}, new String[] {"h", "h"},
      new String[] {"mm", "mm"}, new String[] {"m", "m"}, new String[] {"ss", "ss"}, new String[] {"s", "s"},
      new String[] {"SSS", "SSS"}, new String[] {"SS", "SSS"}, new String[] {"S", "S"},
      new String[] {"A", "a"}, new String[] {"a", "a"}, new String[] {"ZZ", "ZZZ"}, new String[] {"Z", "ZZ"},
      new String[] {"X", "X"}, new String[] {"x", "x"}, new String[] {"Q", "q"}, new String[] {"WW", "WW"},
      new String[] {"W", "W"}, new String[] {"GGGG", "kkkk"}, new String[] {"z", "ZZZZ"});

  /** The Luxon format for a Moment format. */
  static String toLuxon(String moment) throws UnsupportedToken {
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < moment.length()) {
      char c = moment.charAt(i);
      if (c == '[') {
        int end = moment.indexOf(']', i);
        if (end < 0) {
          throw new UnsupportedToken("unclosed '[' in the format '" + moment + "'");
        }
        literal.append(moment, i + 1, end);
        i = end + 1;
        continue;
      }
      if (moment.startsWith("Do", i)) {
        throw new UnsupportedToken("the ordinal day token 'Do' has no Luxon equivalent");
      }
      String[] match = null;
      for (String[] t : TOKENS) {
        if (moment.startsWith(t[0], i)) {
          match = t;
          break;
        }
      }
      if (match == null) {
        if (Character.isLetter(c)) {
          literal.append(c);
        } else {
          flush(out, literal);
          out.append(c == '\'' ? "''" : String.valueOf(c));
        }
        i++;
        continue;
      }
      flush(out, literal);
      out.append(match[1]);
      i += match[0].length();
    }
    flush(out, literal);
    return out.toString();
  }

  private static void flush(StringBuilder out, StringBuilder literal) {
    if (literal.length() > 0) {
      out.append('\'').append(literal.toString().replace("'", "''")).append('\'');
      literal.setLength(0);
    }
  }
}
