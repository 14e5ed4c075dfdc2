package dev.weft.nodes.utility.file;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.PairedItem;
import dev.weft.spi.ParameterSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Entities;

/**
 * Convert to File ({@code weft.convertToFile}): makes a file (a binary property) from items. CSV, HTML table and XLSX
 * put all items in one file; JSON makes one file of all items or one per item; text and base64 make one file per item
 * from a field. Files are written to a temporary file and streamed into the binary store.
 */
public final class ConvertToFileNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.convertToFile")
      .displayName("Convert to File")
      .group("transform")
      .description("Turns items into a CSV, HTML, XLSX, JSON or text file, or a base64 field into a file.")
      .icon("fa:file-export")
      .parameters(
          ParameterSpec.options("operation",
              new Option("csv", "CSV", "All items in one CSV file, one row per item."),
              new Option("html", "HTML table", "All items in one HTML file holding a table."),
              new Option("xlsx", "XLSX", "All items in one Excel sheet."),
              new Option("xls", "XLS", "All items in one sheet of a legacy Excel 97 workbook (at most 65,536 rows)."),
              new Option("json", "JSON", "All items in one JSON file, or one file per item."),
              new Option("text", "Text", "One text file per item from a field."),
              new Option("fromBase64", "Base64 to file", "One file per item from a base64 field."))
              .displayName("Operation"),
          ParameterSpec.options("jsonMode", new Option("allItems", "All items in one file (an array)", ""),
                  new Option("eachItem", "One file per item (an object)", ""))
              .displayName("JSON Mode").displayWhen("operation", "json"),
          ParameterSpec.bool("pretty").displayName("Pretty Print").defaultValue(false).displayWhen("operation", "json"),
          ParameterSpec.string("sourceField").displayName("Source Field").required()
              .displayWhen("operation", "text", "fromBase64")
              .description("The field holding the text (or base64); dots reach into nested objects."),
          ParameterSpec.string("delimiter").displayName("Delimiter").defaultValue(",").displayWhen("operation", "csv"),
          ParameterSpec.bool("headerRow").displayName("Header Row").defaultValue(true).displayWhen("operation", "csv", "xlsx", "xls"),
          ParameterSpec.bool("includeBom").displayName("Byte Order Mark").defaultValue(false).displayWhen("operation", "csv")
              .description("Start the file with a UTF-8 byte order mark (for spreadsheet programs)."),
          ParameterSpec.string("sheetName").displayName("Sheet Name").defaultValue("Sheet").displayWhen("operation", "xlsx", "xls"),
          ParameterSpec.string("encoding").displayName("Encoding").defaultValue("UTF-8")
              .displayWhen("operation", "csv", "html", "json", "text"),
          ParameterSpec.string("mimeType").displayName("MIME Type").displayWhen("operation", "fromBase64")
              .description("Media type of the file; empty for application/octet-stream."),
          ParameterSpec.string("binaryProperty").displayName("Put Output File in Field").defaultValue("data").required(),
          ParameterSpec.string("fileName").displayName("File Name")
              .description("Name of the file; empty for file.<extension>."),
          ParameterSpec.bool("keepJson").displayName("Keep Item JSON").defaultValue(false)
              .displayWhen("operation", "json", "text", "fromBase64")
              .description("For one file per item: keep the item's JSON next to the file."))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    if (items.isEmpty()) {
      return NodeOutput.none();
    }
    String operation = context.string("operation", 0);
    switch (operation == null ? "csv" : operation) {
      case "csv", "html", "xlsx", "xls" -> {
        return NodeOutput.of(List.of(allItems(context, items, operation == null ? "csv" : operation)));
      }
      case "json" -> {
        if (!"eachItem".equals(context.string("jsonMode", 0))) {
          return NodeOutput.of(List.of(allItems(context, items, "json")));
        }
        return perItem(context, items, "json");
      }
      case "text", "fromBase64" -> {
        return perItem(context, items, operation);
      }
      default -> throw NodeException.parameter("operation", 0, "'" + operation
          + "' is not an operation; use csv, html, xlsx, xls, json, text or fromBase64");
    }
  }

  private interface Content {
    void write(OutputStream out) throws IOException, NodeException;
  }

  /** Writes content to a temporary file and streams it into the binary store. */
  private static BinaryData store(NodeContext context, Content content, String mimeType, String fileName)
      throws IOException, NodeException {
    Path temp = Files.createTempFile("weft-file", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
        content.write(out);
      }
      try (InputStream in = Files.newInputStream(temp)) {
        return context.binaries().store(in, mimeType, fileName);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Item allItems(NodeContext context, List<Item> items, String operation) throws Exception {
    String property = property(context, 0);
    String fileName = fileName(context, 0, operation);
    BinaryData data = switch (operation) {
      case "csv" -> {
        char delimiter = delimiter(context);
        boolean header = context.parameter("headerRow", 0, Boolean.class) != Boolean.FALSE;
        boolean bom = context.bool("includeBom", 0);
        Charset charset = NodeIo.charset(context.string("encoding", 0), "encoding", 0);
        List<String> columns = Cells.columns(items);
        yield store(context, out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, charset));
          if (bom) {
            w.write('\uFEFF');
          }
          if (header) {
            Csv.writeRow(w, columns, delimiter);
          }
          for (Item item : items) {
            List<String> row = new ArrayList<>(columns.size());
            for (String column : columns) {
              row.add(Cells.text(context, item.json().get(column)));
            }
            Csv.writeRow(w, row, delimiter);
          }
          w.flush();
        }, "text/csv", fileName);
      }
      case "html" -> {
        Charset charset = NodeIo.charset(context.string("encoding", 0), "encoding", 0);
        List<String> columns = Cells.columns(items);
        yield store(context, out -> {
          Writer w = new BufferedWriter(new OutputStreamWriter(out, charset));
          w.write("<html><head><meta charset=\"" + charset.name() + "\"/></head><body><table><tr>");
          for (String column : columns) {
            w.write("<th>" + Entities.escape(column) + "</th>");
          }
          w.write("</tr>");
          for (Item item : items) {
            w.write("<tr>");
            for (String column : columns) {
              w.write("<td>" + Entities.escape(Cells.text(context, item.json().get(column))) + "</td>");
            }
            w.write("</tr>");
          }
          w.write("</table></body></html>");
          w.flush();
        }, "text/html", fileName);
      }
      case "xlsx", "xls" -> {
        String sheet = context.string("sheetName", 0);
        boolean header = context.parameter("headerRow", 0, Boolean.class) != Boolean.FALSE;
        List<String> columns = Cells.columns(items);
        boolean xls = "xls".equals(operation);
        yield store(context, out -> Xlsx.write(context, items, columns,
                sheet == null || sheet.isBlank() ? "Sheet" : sheet, header, out, xls),
            xls ? "application/vnd.ms-excel" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            fileName);
      }
      default -> {
        boolean pretty = context.bool("pretty", 0);
        Charset charset = NodeIo.charset(context.string("encoding", 0), "encoding", 0);
        List<Object> all = new ArrayList<>(items.size());
        for (Item item : items) {
          all.add(item.json());
        }
        yield store(context, out -> writeJson(context, out, all, pretty, charset), "application/json", fileName);
      }
    };
    List<PairedItem> sources = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      sources.add(PairedItem.of(i));
    }
    return Item.of(Map.of()).withBinary(property, data).pairedWith(sources);
  }

  private static void writeJson(NodeContext context, OutputStream out, Object value, boolean pretty, Charset charset)
      throws IOException {
    NodeIo.jsonWriter(context, pretty).writeValue(new OutputStreamWriter(out, charset), value);
  }

  private static NodeOutput perItem(NodeContext context, List<Item> items, String operation) throws NodeException {
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(0, oneFile(context, items.get(i), i, operation).pairedWith(i));
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static Item oneFile(NodeContext context, Item item, int i, String operation) throws Exception {
    String property = property(context, i);
    String fileName = fileName(context, i, operation);
    BinaryData data = switch (operation) {
      case "json" -> {
        boolean pretty = context.bool("pretty", i);
        Charset charset = NodeIo.charset(context.string("encoding", i), "encoding", i);
        yield store(context, out -> writeJson(context, out, item.json(), pretty, charset), "application/json", fileName);
      }
      case "text" -> {
        String text = NodeIo.fieldText(item, context.string("sourceField", i), "sourceField", i);
        Charset charset = NodeIo.charset(context.string("encoding", i), "encoding", i);
        yield context.binaries().store(text.getBytes(charset), "text/plain", fileName);
      }
      default -> {
        String field = context.string("sourceField", i);
        String base64 = NodeIo.fieldText(item, field, "sourceField", i);
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
          throw NodeException.parameter("sourceField", i, "field '" + field
              + "' is not base64: " + e.getMessage());
        }
        String mimeType = context.string("mimeType", i);
        yield context.binaries().store(bytes, mimeType == null || mimeType.isBlank()
            ? "application/octet-stream" : mimeType.trim(), fileName);
      }
    };
    Map<String, Object> json = context.bool("keepJson", i) ? item.json() : Map.of();
    return Item.of(json).withBinary(property, data);
  }

  private static String property(NodeContext context, int i) throws NodeException {
    String property = context.string("binaryProperty", i);
    if (property == null || property.isBlank()) {
      throw NodeException.parameter("binaryProperty", i, "parameter 'binaryProperty' is empty: name the binary property for the file");
    }
    return property.trim();
  }

  private static String fileName(NodeContext context, int i, String operation) throws NodeException {
    String name = context.string("fileName", i);
    if (name != null && !name.isBlank()) {
      return name.trim();
    }
    return switch (operation) {
      case "csv" -> "file.csv";
      case "html" -> "file.html";
      case "xlsx" -> "file.xlsx";
      case "xls" -> "file.xls";
      case "json" -> "file.json";
      case "text" -> "file.txt";
      default -> "file";
    };
  }

  private static char delimiter(NodeContext context) throws NodeException {
    String d = context.string("delimiter", 0);
    if (d == null || d.isEmpty()) {
      return ',';
    }
    if ("\\t".equals(d)) {
      return '\t';
    }
    if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r') {
      throw NodeException.parameter("delimiter", 0, "the delimiter must be one character other than a quote or a "
          + "line break (write \\t for a tab), was '" + d + "'");
    }
    return d.charAt(0);
  }
}
