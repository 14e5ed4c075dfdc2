package dev.weft.nodes.ai.document;

import dev.weft.nodes.ai.internal.Params;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.ItemNode;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Document Loader ({@code weft.ai.documentLoader}): turns each item's text field or binary file (plain text, Markdown
 * or HTML) into a document item {@code {text, metadata}} for the Text Splitter, Embeddings and Vector Store nodes.
 * Markdown loses its markup and HTML its tags, scripts and styles; paragraph breaks are kept so that the splitter can
 * cut at them. PDF and office files are not read (no PDF library is part of Weft); convert them to text first.
 *
 * <p>Metadata: {@code source} (the file name, or the binary property), {@code mimeType}, {@code format},
 * {@code title} (an HTML title or the first Markdown heading) and whatever the {@code metadata} parameter adds.
 */
public final class DocumentLoaderNode implements ItemNode {
  /** The node type id. */
  public static final String TYPE = "weft.ai.documentLoader";
  /** The largest file the loader reads into memory. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder(TYPE)
      .displayName("Document Loader").group("ai").icon("fa:file-lines")
      .description("Reads text, Markdown or HTML from a field or a file into a document {text, metadata}.")
      .parameters(
          ParameterSpec.options("source",
                  new Option("field", "Text field", "The text is in the item's JSON"),
                  new Option("binary", "File", "The text is a file in the item's binary data"))
              .displayName("Source"),
          ParameterSpec.string("text").displayName("Text").defaultValue("{{ $json.text }}")
              .displayWhen("source", "field").description("The document's text"),
          ParameterSpec.string("binaryProperty").displayName("Binary property").defaultValue("data")
              .displayWhen("source", "binary").description("Where the file is in the item's binary data"),
          ParameterSpec.options("format",
                  new Option("auto", "Automatic", "Files by media type and extension; a text field as plain text"),
                  new Option("text", "Plain text", ""),
                  new Option("markdown", "Markdown", "Markup removed, blocks kept as paragraphs"),
                  new Option("html", "HTML", "Tags, scripts and styles removed, blocks kept as paragraphs"))
              .displayName("Format"),
          ParameterSpec.json("metadata").displayName("Metadata")
              .description("More metadata for the document, as a JSON object (for example {\"source\": "
                  + "\"{{ $json.url }}\"})"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Item process(Item item, int i, NodeContext context) throws Exception {
    String source = context.string("source", i);
    String format = context.string("format", i);
    Map<String, Object> metadata = new LinkedHashMap<>();
    String text;
    if ("binary".equals(source)) {
      String property = context.string("binaryProperty", i);
      BinaryData data = item.binary().get(property);
      if (data == null) {
        throw NodeException.parameter("binaryProperty", i, "item " + i + " has no binary property '" + property
            + "'" + (item.binary().isEmpty() ? "" : "; it has " + item.binary().keySet()));
      }
      if (data.size() > MAX_BYTES) {
        throw NodeException.parameter("binaryProperty", i, "file '" + name(data, property) + "' has " + data.size()
            + " bytes; the loader reads files up to " + MAX_BYTES + " bytes");
      }
      TextExtraction.Format f = format(format, data, property, i);
      byte[] bytes = context.binaries().readAll(data);
      TextExtraction.Extracted extracted = switch (f) {
        case HTML -> TextExtraction.html(bytes, data.mimeType());
        case MARKDOWN -> TextExtraction.markdown(TextExtraction.decode(bytes, data.mimeType()));
        case TEXT -> new TextExtraction.Extracted(TextExtraction.decode(bytes, data.mimeType()), null);
      };
      text = extracted.text();
      metadata.put("source", name(data, property));
      metadata.put("mimeType", data.mimeType());
      metadata.put("format", f.name().toLowerCase(Locale.ROOT));
      if (extracted.title() != null) {
        metadata.put("title", extracted.title());
      }
    } else {
      Object value = context.parameter("text", i);
      if (value == null) {
        throw NodeException.parameter("text", i, "item " + i + " has no text (the parameter 'text' is empty)");
      }
      text = value instanceof String s ? s : value instanceof Map || value instanceof java.util.List
          ? context.service(com.fasterxml.jackson.databind.ObjectMapper.class).writeValueAsString(value)
          : String.valueOf(value);
      TextExtraction.Format f = "html".equals(format) ? TextExtraction.Format.HTML
          : "markdown".equals(format) ? TextExtraction.Format.MARKDOWN : TextExtraction.Format.TEXT;
      TextExtraction.Extracted extracted = switch (f) {
        case HTML -> TextExtraction.html(text);
        case MARKDOWN -> TextExtraction.markdown(text);
        case TEXT -> new TextExtraction.Extracted(text, null);
      };
      text = extracted.text();
      metadata.put("format", f.name().toLowerCase(Locale.ROOT));
      if (extracted.title() != null) {
        metadata.put("title", extracted.title());
      }
    }
    metadata.putAll(Params.object(context, "metadata", i));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("text", text);
    json.put("metadata", metadata);
    return Item.of(json);
  }

  private static String name(BinaryData data, String property) {
    return data.fileName() != null && !data.fileName().isBlank() ? data.fileName() : property;
  }

  private static TextExtraction.Format format(String format, BinaryData data, String property, int i)
      throws NodeException {
    switch (format == null ? "auto" : format) {
      case "text":
        return TextExtraction.Format.TEXT;
      case "markdown":
        return TextExtraction.Format.MARKDOWN;
      case "html":
        return TextExtraction.Format.HTML;
      default:
        TextExtraction.Format f = TextExtraction.detect(data.mimeType(), data.fileExtension());
        if (f == null) {
          String what = "application/pdf".equals(data.mimeType()) || "pdf".equalsIgnoreCase(data.fileExtension())
              ? "PDF files are not supported; convert them to text first" : "it is not a text format";
          throw NodeException.parameter("format", i, "cannot read file '" + name(data, property) + "' ("
              + data.mimeType() + "): " + what + "; set the format to text, markdown or html if it is one");
        }
        return f;
    }
  }
}
