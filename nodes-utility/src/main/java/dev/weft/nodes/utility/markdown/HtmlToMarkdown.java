package dev.weft.nodes.utility.markdown;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A small HTML to Markdown (CommonMark + GFM tables and strikethrough) converter on jsoup's DOM. It covers what
 * documents are made of: headings, paragraphs, emphasis, code, links, images, lists (nested), quotes, rules and
 * tables; unknown elements contribute their content; scripts and styles are dropped.
 */
final class HtmlToMarkdown {
  private final String bullet;
  private final boolean fenced;
  private final boolean setextHeadings;
  private final String em;
  private final String strong;

  HtmlToMarkdown(String bullet, boolean fenced, boolean setextHeadings, String em, String strong) {
    this.bullet = bullet;
    this.fenced = fenced;
    this.setextHeadings = setextHeadings;
    this.em = em;
    this.strong = strong;
  }

  String convert(String html) {
    Element body = Jsoup.parse(html).body();
    StringBuilder out = new StringBuilder();
    blocks(body, out, "");
    return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  /** Writes the children of {@code parent} as blocks; {@code prefix} starts every line (quotes, list indents). */
  private void blocks(Element parent, StringBuilder out, String prefix) {
    StringBuilder inline = new StringBuilder();
    for (Node child : parent.childNodes()) {
      if (child instanceof Element e && isBlock(e)) {
        flushParagraph(inline, out, prefix);
        block(e, out, prefix);
      } else {
        inline(child, inline);
      }
    }
    flushParagraph(inline, out, prefix);
  }

  private void flushParagraph(StringBuilder inline, StringBuilder out, String prefix) {
    String text = inline.toString().replaceAll("[ \\t]*\\n[ \\t]*", "\n").strip();
    inline.setLength(0);
    if (!text.isEmpty()) {
      paragraph(out, prefix, text);
    }
  }

  private static void paragraph(StringBuilder out, String prefix, String text) {
    separate(out);
    out.append(prefix).append(text.replace("\n", "\n" + prefix)).append('\n');
  }

  private static void separate(StringBuilder out) {
    if (out.length() > 0 && !out.toString().endsWith("\n\n")) {
      out.append(out.charAt(out.length() - 1) == '\n' ? "\n" : "\n\n");
    }
  }

  private static boolean isBlock(Element e) {
    return switch (e.normalName()) {
      case "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5",
          "h6", "ul", "ol", "pre", "blockquote", "hr", "table", "figure", "dl", "address", "details", "form",
          "fieldset", "script", "style", "head", "noscript", "template" -> true;
      default -> false;
    };
  }

  private void block(Element e, StringBuilder out, String prefix) {
    String name = e.normalName();
    switch (name) {
      case "script", "style", "head", "noscript", "template" -> {
        // not content
      }
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        int level = name.charAt(1) - '0';
        String text = inlineText(e).replace('\n', ' ').strip();
        if (text.isEmpty()) {
          return;
        }
        if (setextHeadings && level <= 2) {
          paragraph(out, prefix, text + "\n" + (level == 1 ? "=" : "-").repeat(Math.max(3, text.length())));
        } else {
          paragraph(out, prefix, "#".repeat(level) + " " + text);
        }
      }
      case "hr" -> paragraph(out, prefix, "* * *");
      case "pre" -> {
        String code = e.wholeText();
        if (code.endsWith("\n")) {
          code = code.substring(0, code.length() - 1);
        }
        if (fenced) {
          Element codeEl = e.selectFirst("code");
          String language = "";
          if (codeEl != null) {
            for (String cls : codeEl.classNames()) {
              if (cls.startsWith("language-")) {
                language = cls.substring("language-".length());
              }
            }
          }
          String fence = code.contains("```") ? "~~~" : "```";
          paragraph(out, prefix, fence + language + "\n" + code + "\n" + fence);
        } else {
          paragraph(out, prefix, "    " + code.replace("\n", "\n    "));
        }
      }
      case "blockquote" -> {
        StringBuilder inner = new StringBuilder();
        blocks(e, inner, "");
        String text = inner.toString().strip();
        if (!text.isEmpty()) {
          paragraph(out, prefix, "> " + text.replace("\n", "\n> ").replace("> \n", ">\n"));
        }
      }
      case "ul", "ol" -> list(e, out, prefix);
      case "table" -> table(e, out, prefix);
      default -> blocks(e, out, prefix);
    }
  }

  private void list(Element listEl, StringBuilder out, String prefix) {
    boolean ordered = "ol".equals(listEl.normalName());
    int number = 1;
    if (ordered && listEl.hasAttr("start")) {
      try {
        number = Integer.parseInt(listEl.attr("start").trim());
      } catch (NumberFormatException ignored) {
        number = 1;
      }
    }
    separate(out);
    for (Element li : listEl.children()) {
      if (!"li".equals(li.normalName())) {
        continue;
      }
      String marker = ordered ? (number++) + ". " : bullet + " ";
      StringBuilder inner = new StringBuilder();
      blocks(li, inner, "");
      String text = inner.toString().strip().replaceAll("\\n{2,}", "\n");
      String indent = " ".repeat(marker.length());
      out.append(prefix).append(marker).append(text.replace("\n", "\n" + prefix + indent)).append('\n');
    }
  }

  private void table(Element tableEl, StringBuilder out, String prefix) {
    java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
    int columns = 0;
    for (Element tr : tableEl.select("tr")) {
      if (tr.closest("table") != tableEl) {
        continue;
      }
      java.util.List<String> cells = new java.util.ArrayList<>();
      for (Element cell : tr.children()) {
        if ("td".equals(cell.normalName()) || "th".equals(cell.normalName())) {
          cells.add(inlineText(cell).replace('\n', ' ').strip().replace("|", "\\|"));
        }
      }
      columns = Math.max(columns, cells.size());
      rows.add(cells);
    }
    if (rows.isEmpty() || columns == 0) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      java.util.List<String> cells = rows.get(r);
      sb.append('|');
      for (int c = 0; c < columns; c++) {
        sb.append(' ').append(c < cells.size() ? cells.get(c) : "").append(" |");
      }
      sb.append('\n');
      if (r == 0) {
        sb.append('|');
        sb.append(" --- |".repeat(columns));
        sb.append('\n');
      }
    }
    paragraph(out, prefix, sb.toString().strip());
  }

  private String inlineText(Element e) {
    StringBuilder sb = new StringBuilder();
    for (Node child : e.childNodes()) {
      if (child instanceof Element c && isBlock(c)) {
        StringBuilder inner = new StringBuilder();
        block(c, inner, "");
        sb.append(' ').append(inner.toString().strip()).append(' ');
      } else {
        inline(child, sb);
      }
    }
    return sb.toString().replaceAll("[ \\t]+", " ").strip();
  }

  private void inline(Node node, StringBuilder sb) {
    if (node instanceof TextNode t) {
      String text = t.getWholeText().replaceAll("\\s+", " ");
      boolean lineStart = sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n';
      if (lineStart) {
        text = text.stripLeading();
      }
      sb.append(escape(text, lineStart));
      return;
    }
    if (!(node instanceof Element e)) {
      return;
    }
    switch (e.normalName()) {
      case "br" -> sb.append("  \n");
      case "strong", "b" -> wrap(sb, strong, inlineText(e));
      case "em", "i" -> wrap(sb, em, inlineText(e));
      case "del", "s", "strike" -> wrap(sb, "~~", inlineText(e));
      case "code", "kbd", "samp" -> {
        String code = e.wholeText();
        String tick = code.contains("`") ? "``" : "`";
        if (!code.isEmpty()) {
          sb.append(tick).append(code.startsWith("`") ? " " : "").append(code)
              .append(code.endsWith("`") ? " " : "").append(tick);
        }
      }
      case "a" -> {
        String text = inlineText(e);
        String href = e.attr("href");
        if (href.isEmpty()) {
          sb.append(text);
        } else {
          String title = e.attr("title");
          sb.append('[').append(text).append("](").append(href.replace(" ", "%20").replace(")", "%29"))
              .append(title.isEmpty() ? "" : " \"" + title.replace("\"", "\\\"") + "\"").append(')');
        }
      }
      case "img" -> {
        String src = e.attr("src");
        if (!src.isEmpty()) {
          String title = e.attr("title");
          sb.append("![").append(escape(e.attr("alt"), false)).append("](").append(src.replace(" ", "%20"))
              .append(title.isEmpty() ? "" : " \"" + title.replace("\"", "\\\"") + "\"").append(')');
        }
      }
      case "script", "style", "template", "noscript" -> {
        // not content
      }
      default -> {
        for (Node child : e.childNodes()) {
          inline(child, sb);
        }
      }
    }
  }

  private static void wrap(StringBuilder sb, String delimiter, String text) {
    if (!text.isEmpty()) {
      sb.append(delimiter).append(text).append(delimiter);
    }
  }

  /** Escapes the characters that would otherwise start Markdown syntax. */
  static String escape(String text, boolean lineStart) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']') {
        sb.append('\\');
      }
      sb.append(c);
    }
    String s = sb.toString();
    if (!lineStart) {
      return s;
    }
    // A line that would read as a heading, a quote or a list item keeps its text literal.
    String trimmed = s.stripLeading();
    if (trimmed.startsWith("#") || trimmed.startsWith(">") || trimmed.matches("^[-+] .*")
        || trimmed.matches("^\\d+\\. .*")) {
      int at = s.length() - trimmed.length();
      if (trimmed.matches("^\\d+\\. .*")) {
        int dot = trimmed.indexOf('.');
        return s.substring(0, at) + trimmed.substring(0, dot) + "\\" + trimmed.substring(dot);
      }
      return s.substring(0, at) + "\\" + trimmed;
    }
    return s;
  }
}
