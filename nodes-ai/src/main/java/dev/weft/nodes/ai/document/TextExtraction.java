package dev.weft.nodes.ai.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Plain text out of plain text, Markdown and HTML, keeping paragraph breaks for the splitter to cut at. */
final class TextExtraction {
  private TextExtraction() {}

  /** The formats the loader reads. */
  enum Format { TEXT, MARKDOWN, HTML }

  /** Extracted text and the document's title when it has one. */
  record Extracted(String text, String title) {}

  private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "div", "section", "article", "header", "footer",
      "main", "aside", "nav", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
      "figure", "form", "fieldset", "address", "hr");
  private static final Set<String> LINE_TAGS = Set.of("br", "li", "tr", "dt", "dd", "caption", "figcaption");
  private static final Set<String> SKIPPED_TAGS = Set.of("script", "style", "noscript", "template", "svg", "head");

  /** The format of binary content by its media type and file extension, or {@code null} when it is not text. */
  static Format detect(String mimeType, String extension) {
    String mime = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
    String ext = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
    if (mime.startsWith("text/html") || mime.startsWith("application/xhtml") || ext.equals("html")
        || ext.equals("htm") || ext.equals("xhtml")) {
      return Format.HTML;
    }
    if (mime.startsWith("text/markdown") || mime.startsWith("text/x-markdown") || ext.equals("md")
        || ext.equals("markdown")) {
      return Format.MARKDOWN;
    }
    if (mime.startsWith("text/") || mime.startsWith("application/json") || mime.endsWith("+json")
        || mime.startsWith("application/xml") || mime.endsWith("+xml") || ext.equals("txt") || ext.equals("csv")
        || ext.equals("json") || ext.equals("log")) {
      return Format.TEXT;
    }
    return null;
  }

  /** Decodes text bytes: a byte order mark wins, then the media type's charset, then UTF-8. */
  static String decode(byte[] bytes, String mimeType) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
    }
    if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
    }
    Charset charset = charsetOf(mimeType);
    return new String(bytes, charset == null ? StandardCharsets.UTF_8 : charset);
  }

  static Charset charsetOf(String mimeType) {
    if (mimeType == null) {
      return null;
    }
    for (String part : mimeType.split(";")) {
      String p = part.trim();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").trim());
        } catch (RuntimeException e) {
          return null; // an unknown charset: fall back to UTF-8
        }
      }
    }
    return null;
  }

  /** HTML bytes: the charset from the media type, else the document's meta tag, else UTF-8 (jsoup's detection). */
  static Extracted html(byte[] bytes, String mimeType) throws IOException {
    Charset charset = charsetOf(mimeType);
    Document doc = Jsoup.parse(new ByteArrayInputStream(bytes), charset == null ? null : charset.name(), "");
    return html(doc);
  }

  static Extracted html(String html) {
    return html(Jsoup.parse(html));
  }

  private static Extracted html(Document doc) {
    String title = doc.title().isBlank() ? null : doc.title().trim();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      private int skipping;

      @Override
      public void head(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (SKIPPED_TAGS.contains(tag)) {
            skipping++;
          } else if (skipping == 0) {
            breakFor(tag, out);
          }
        } else if (node instanceof TextNode t && skipping == 0) {
          Element parent = t.parent();
          boolean pre = parent != null && (parent.normalName().equals("pre")
              || parent.parents().stream().anyMatch(a -> a.normalName().equals("pre")));
          String text = pre ? t.getWholeText() : t.text();
          if (!pre && (text.isBlank()) && (out.length() == 0 || Character.isWhitespace(out.charAt(out.length() - 1)))) {
            return;
          }
          out.append(text);
        }
      }

      @Override
      public void tail(org.jsoup.nodes.Node node, int depth) {
        if (node instanceof Element e) {
          String tag = e.normalName();
          if (SKIPPED_TAGS.contains(tag)) {
            skipping--;
          } else if (skipping == 0) {
            if (PARAGRAPH_TAGS.contains(tag)) {
              breakFor(tag, out);
            } else if (tag.equals("td") || tag.equals("th")) {
              out.append(' ');
            }
          }
        }
      }
    }, doc.body() == null ? doc : doc.body());
    return new Extracted(tidy(out.toString(), true), title);
  }

  private static void breakFor(String tag, StringBuilder out) {
    if (PARAGRAPH_TAGS.contains(tag)) {
      out.append("\n\n");
    } else if (LINE_TAGS.contains(tag)) {
      out.append('\n');
    }
  }

  /** Markdown as plain text: markup removed, one blank line between blocks; the title is the first heading. */
  static Extracted markdown(String markdown) {
    Node document = Parser.builder().build().parse(markdown);
    String[] title = new String[1];
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        if (title[0] == null) {
          title[0] = TextContentRenderer.builder().build().render(heading).trim();
        }
      }
    });
    String text = TextContentRenderer.builder().lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build()
        .render(document);
    return new Extracted(tidy(text, false), title[0] == null || title[0].isBlank() ? null : title[0]);
  }

  /**
   * Trailing spaces off each line (and leading ones too with {@code stripIndent}, for HTML whose indentation is
   * markup), at most one blank line in a row, no blank start or end.
   */
  static String tidy(String text, boolean stripIndent) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int blank = 0;
    for (String line : lines) {
      String l = line.replaceAll("[ \\t\\u00a0]+$", "");
      if (stripIndent) {
        l = l.replaceAll("^[ \\t\\u00a0]+", "");
      }
      if (l.isBlank()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      blank = 0;
      out.append(l);
    }
    return out.toString();
  }
}
