package dev.weft.n8n.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n Convert to File and Extract from File to {@code weft.convertToFile} and {@code weft.extractFromFile}: CSV, HTML
 * tables, XLSX, XLS, JSON, text and base64. ODS, RTF, iCalendar and PDF have no Weft equivalent.
 */
final class FileMappers implements NodeMapper {
  static final String CONVERT = "n8n-nodes-base.convertToFile";
  static final String EXTRACT = "n8n-nodes-base.extractFromFile";

  @Override
  public List<String> n8nTypes() {
    return List.of(CONVERT, EXTRACT);
  }

  @Override
  public MappedNode map(N8nNode node, MappingContext ctx) {
    return node.type().equals(CONVERT) ? convert(ctx) : extract(ctx);
  }

  private static void copy(MappingContext ctx, Map<String, Object> p, String from, String to) {
    if (ctx.has(from)) {
      p.put(to, ctx.value(from, null));
    }
  }

  private static MappedNode convert(MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String operation = ctx.string("operation", "csv");
    switch (operation) {
      case "csv" -> {
        p.put("operation", "csv");
        copy(ctx, p, "options.delimiter", "delimiter");
        copy(ctx, p, "options.headerRow", "headerRow");
        // n8n writes CSV through SheetJS, which starts the file with a UTF-8 byte order mark
        p.put("includeBom", true);
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "html" -> {
        p.put("operation", "html");
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "xlsx", "xls" -> {
        p.put("operation", operation);
        copy(ctx, p, "options.headerRow", "headerRow");
        copy(ctx, p, "options.sheetName", "sheetName");
      }
      case "toJson" -> {
        p.put("operation", "json");
        p.put("jsonMode", ctx.string("mode", "once").equals("each") ? "eachItem" : "allItems");
        p.put("pretty", ctx.bool("options.format", false));
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "toText" -> {
        p.put("operation", "text");
        p.put("sourceField", ctx.value("sourceProperty", ""));
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "toBinary" -> {
        p.put("operation", "fromBase64");
        p.put("sourceField", ctx.value("sourceProperty", ""));
        copy(ctx, p, "options.mimeType", "mimeType");
      }
      default -> {
        return ctx.unsupportedNode("converting to '" + operation + "' has no Weft equivalent");
      }
    }
    p.put("binaryProperty", ctx.value("binaryPropertyName", "data"));
    copy(ctx, p, "options.fileName", "fileName");
    return MappedNode.of("weft.convertToFile", p);
  }

  private static MappedNode extract(MappingContext ctx) {
    Map<String, Object> p = new LinkedHashMap<>();
    String operation = ctx.string("operation", "csv");
    switch (operation) {
      case "csv" -> {
        p.put("operation", "csv");
        copy(ctx, p, "options.delimiter", "delimiter");
        copy(ctx, p, "options.headerRow", "headerRow");
        // n8n keeps a byte order mark unless "Exclude Byte Order Mark" is on
        p.put("stripBom", ctx.bool("options.enableBOM", false));
        copy(ctx, p, "options.encoding", "encoding");
        copy(ctx, p, "options.maxRowCount", "maxRows");
      }
      case "html" -> {
        p.put("operation", "html");
        copy(ctx, p, "options.headerRow", "headerRow");
      }
      case "xlsx", "xls" -> {
        p.put("operation", operation);
        copy(ctx, p, "options.headerRow", "headerRow");
        copy(ctx, p, "options.sheetName", "sheetName");
        copy(ctx, p, "options.includeEmptyCells", "includeEmptyCells");
        copy(ctx, p, "options.maxRowCount", "maxRows");
      }
      case "fromJson" -> {
        p.put("operation", "json");
        p.put("outputField", ctx.value("destinationKey", "data"));
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "text" -> {
        p.put("operation", "text");
        p.put("outputField", ctx.value("destinationKey", "data"));
        copy(ctx, p, "options.encoding", "encoding");
      }
      case "binaryToPropery" -> {
        p.put("operation", "toBase64");
        p.put("outputField", ctx.value("destinationKey", "data"));
      }
      default -> {
        return ctx.unsupportedNode("extracting from '" + operation + "' has no Weft equivalent");
      }
    }
    p.put("binaryProperty", ctx.value("binaryPropertyName", "data"));
    return MappedNode.of("weft.extractFromFile", p);
  }
}
