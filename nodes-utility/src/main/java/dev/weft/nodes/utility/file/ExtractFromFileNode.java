package dev.weft.nodes.utility.file;

import dev.weft.nodes.utility.io.NodeIo;
import dev.weft.spi.BinaryData;
import dev.weft.spi.Item;
import dev.weft.spi.Json;
import dev.weft.spi.Node;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeDescriptor;
import dev.weft.spi.NodeException;
import dev.weft.spi.NodeOutput;
import dev.weft.spi.Option;
import dev.weft.spi.ParameterSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Selector;

/**
 * Extract from File ({@code weft.extractFromFile}): reads the file in a binary property of each item. CSV, HTML
 * tables and XLSX sheets give one item per row; JSON, text and base64 give one item holding the content in a field.
 * CSV and XLSX are read as streams.
 */
public final class ExtractFromFileNode implements Node {
  private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("weft.extractFromFile")
      .displayName("Extract from File")
      .group("transform")
      .description("Reads CSV, HTML tables, XLSX, JSON or text files into items, or a file into a base64 field.")
      .icon("fa:file-import")
      .parameters(
          ParameterSpec.options("operation",
              new Option("csv", "CSV", "One item per row."),
              new Option("html", "HTML table", "One item per row of a table."),
              new Option("xlsx", "XLSX", "One item per row of a sheet."),
              new Option("xls", "XLS", "One item per row of a sheet of a legacy Excel 97 workbook."),
              new Option("json", "JSON", "The parsed JSON in a field."),
              new Option("text", "Text", "The text in a field."),
              new Option("toBase64", "File to base64", "The file's content as base64 in a field."))
              .displayName("Operation"),
          ParameterSpec.string("binaryProperty").displayName("Input Binary Field").defaultValue("data").required(),
          ParameterSpec.string("outputField").displayName("Destination Output Field").defaultValue("data")
              .displayWhen("operation", "json", "text", "toBase64"),
          ParameterSpec.string("delimiter").displayName("Delimiter").defaultValue(",").displayWhen("operation", "csv"),
          ParameterSpec.bool("headerRow").displayName("Header Row").defaultValue(true)
              .displayWhen("operation", "csv", "xlsx", "xls", "html")
              .description("The first row names the fields; otherwise each row becomes {\"row\": [...]}."),
          ParameterSpec.bool("stripBom").displayName("Strip Byte Order Mark").defaultValue(true)
              .displayWhen("operation", "csv", "json", "text"),
          ParameterSpec.bool("includeEmptyCells").displayName("Include Empty Cells").defaultValue(false)
              .displayWhen("operation", "xlsx", "xls").description("Give empty cells as null instead of leaving them out."),
          ParameterSpec.number("maxRows").displayName("Max Rows").defaultValue(0L).displayWhen("operation", "csv", "xlsx", "xls", "html")
              .description("Stop after this many rows; 0 reads all."),
          ParameterSpec.string("sheetName").displayName("Sheet Name").displayWhen("operation", "xlsx", "xls")
              .description("Empty for the first sheet."),
          ParameterSpec.string("tableSelector").displayName("Table Selector").defaultValue("table")
              .displayWhen("operation", "html").description("CSS selector of the table to read; the first match is read."),
          ParameterSpec.string("encoding").displayName("Encoding").defaultValue("UTF-8")
              .displayWhen("operation", "csv", "html", "json", "text"))
      .build();

  @Override
  public NodeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public NodeOutput execute(NodeContext context) throws Exception {
    List<Item> items = context.items();
    NodeOutput.Builder out = context.output();
    for (int i = 0; i < items.size(); i++) {
      try {
        List<Map<String, Object>> rows = extract(context, items.get(i), i);
        for (Map<String, Object> row : rows) {
          out.add(0, Item.of(row).pairedWith(i));
        }
      } catch (Exception e) {
        out.fail(i, e);
      }
    }
    return out.build();
  }

  private static List<Map<String, Object>> extract(NodeContext context, Item item, int i) throws Exception {
    String operation = context.string("operation", i);
    String property = context.string("binaryProperty", i);
    BinaryData data = NodeIo.binary(item, property, "binaryProperty", i);
    try {
      return switch (operation == null ? "csv" : operation) {
        case "csv" -> csv(context, data, i);
        case "html" -> html(context, data, i);
        case "xlsx" -> xlsx(context, data, i, false);
        case "xls" -> xlsx(context, data, i, true);
        case "json" -> single(context, i, NodeIo.parseJson(context, text(context, data, i), "binaryProperty", i));
        case "text" -> single(context, i, text(context, data, i));
        case "toBase64" -> single(context, i, base64(context, data));
        default -> throw NodeException.parameter("operation", i, "'" + operation
            + "' is not an operation; use csv, html, xlsx, xls, json, text or toBase64");
      };
    } catch (IOException e) {
      throw NodeException.item(i, "the file in binary property '" + property + "' ("
          + (data.fileName() == null ? data.mimeType() : data.fileName()) + ") cannot be read: " + e.getMessage(), e);
    }
  }

  private static List<Map<String, Object>> single(NodeContext context, int i, Object value) throws NodeException {
    String field = context.string("outputField", i);
    Map<String, Object> json = new LinkedHashMap<>();
    Json.set(json, field == null || field.isBlank() ? "data" : field, value);
    return List.of(json);
  }

  private static Reader reader(NodeContext context, BinaryData data, int i) throws IOException, NodeException {
    Charset charset = NodeIo.charset(context.string("encoding", i), "encoding", i);
    PushbackReader reader = new PushbackReader(new BufferedReader(
        new InputStreamReader(context.binaries().open(data), charset)), 1);
    if (context.parameter("stripBom", i, Boolean.class) != Boolean.FALSE) {
      int first = reader.read();
      if (first != -1 && first != '\uFEFF') {
        reader.unread(first);
      }
    }
    return reader;
  }

  private static String text(NodeContext context, BinaryData data, int i) throws IOException, NodeException {
    try (Reader reader = reader(context, data, i)) {
      StringBuilder sb = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        sb.append(buffer, 0, n);
      }
      return sb.toString();
    }
  }

  private static String base64(NodeContext context, BinaryData data) throws IOException {
    StringBuilder sb = new StringBuilder();
    OutputStream sink = new OutputStream() {
      @Override
      public void write(int b) {
        sb.append((char) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        for (int k = off; k < off + len; k++) {
          sb.append((char) b[k]);
        }
      }
    };
    try (InputStream in = context.binaries().open(data); OutputStream encoder = Base64.getEncoder().wrap(sink)) {
      in.transferTo(encoder);
    }
    return sb.toString();
  }

  private static int maxRows(NodeContext context, int i) throws NodeException {
    Number max = context.parameter("maxRows", i, Number.class);
    if (max == null) {
      return Integer.MAX_VALUE;
    }
    if (max.doubleValue() < 0 || max.doubleValue() != Math.floor(max.doubleValue())) {
      throw NodeException.parameter("maxRows", i, "maxRows must be a whole number of 0 or more, was " + max);
    }
    return max.longValue() == 0 || max.longValue() > Integer.MAX_VALUE ? Integer.MAX_VALUE : max.intValue();
  }

  private static List<Map<String, Object>> csv(NodeContext context, BinaryData data, int i)
      throws IOException, NodeException {
    String d = context.string("delimiter", i);
    char delimiter = d == null || d.isEmpty() ? ',' : "\\t".equals(d) ? '\t' : d.charAt(0);
    if (d != null && d.length() > 1 && !"\\t".equals(d)) {
      throw NodeException.parameter("delimiter", i, "the delimiter must be one character (write \\t for a tab), was '" + d + "'");
    }
    boolean header = context.parameter("headerRow", i, Boolean.class) != Boolean.FALSE;
    int max = maxRows(context, i);
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Reader reader = reader(context, data, i)) {
      Csv.RowReader csv = new Csv.RowReader(reader, delimiter, '"');
      List<String> names = null;
      for (List<String> row = csv.next(); row != null && rows.size() < max; row = csv.next()) {
        if (row.size() == 1 && row.get(0).isEmpty()) {
          continue;
        }
        if (header && names == null) {
          names = row;
          continue;
        }
        rows.add(rowObject(names, new ArrayList<>(row), true));
      }
    }
    return rows;
  }

  private static Map<String, Object> rowObject(List<String> names, List<Object> cells, boolean includeEmpty) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (names == null) {
      json.put("row", cells);
      return json;
    }
    for (int c = 0; c < Math.max(names.size(), cells.size()); c++) {
      String name = c < names.size() && !names.get(c).isEmpty() ? names.get(c) : "column_" + (c + 1);
      Object value = c < cells.size() ? cells.get(c) : null;
      if (value != null || includeEmpty) {
        json.put(name, value);
      }
    }
    return json;
  }

  private static List<Map<String, Object>> html(NodeContext context, BinaryData data, int i)
      throws IOException, NodeException {
    Charset charset = NodeIo.charset(context.string("encoding", i), "encoding", i);
    Document document;
    try (InputStream in = context.binaries().open(data)) {
      document = Jsoup.parse(in, charset.name(), "");
    }
    String selector = context.string("tableSelector", i);
    Element table;
    try {
      table = document.selectFirst(selector == null || selector.isBlank() ? "table" : selector);
    } catch (Selector.SelectorParseException e) {
      throw NodeException.parameter("tableSelector", i, "'" + selector + "' is not a valid CSS selector: " + e.getMessage());
    }
    if (table == null) {
      throw NodeException.parameter("tableSelector", i, "the HTML file has no element matching '"
          + selector + "'");
    }
    boolean header = context.parameter("headerRow", i, Boolean.class) != Boolean.FALSE;
    int max = maxRows(context, i);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<String> names = null;
    for (Element tr : table.select("tr")) {
      if (rows.size() >= max) {
        break;
      }
      if (tr.closest("table") != table && !"table".equals(table.normalName())) {
        continue;
      }
      List<Object> cells = new ArrayList<>();
      for (Element cell : tr.children()) {
        if ("td".equals(cell.normalName()) || "th".equals(cell.normalName())) {
          cells.add(Cells.infer(cell.text()));
        }
      }
      if (header && names == null) {
        names = new ArrayList<>();
        for (Object c : cells) {
          names.add(String.valueOf(c));
        }
        continue;
      }
      rows.add(rowObject(names, cells, true));
    }
    return rows;
  }

  private static List<Map<String, Object>> xlsx(NodeContext context, BinaryData data, int i, boolean xls)
      throws IOException, NodeException {
    String sheetName = context.string("sheetName", i);
    boolean header = context.parameter("headerRow", i, Boolean.class) != Boolean.FALSE;
    boolean includeEmpty = context.bool("includeEmptyCells", i);
    int max = maxRows(context, i);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    Xlsx.RowSink sink = cells -> {
      if (rows.size() >= max) {
        return;
      }
      if (header && names.isEmpty()) {
        names.add(new ArrayList<>(Xlsx.header(cells).values()));
        return;
      }
      if (cells.stream().allMatch(c -> c == null)) {
        return;
      }
      rows.add(rowObject(header ? names.get(0) : null, cells, includeEmpty));
    };
    String sheet = sheetName == null ? "" : sheetName.trim();
    if (xls) {
      try (InputStream in = context.binaries().open(data)) {
        if (!Xlsx.readXls(in, sheet, sink)) {
          throw NodeException.parameter("sheetName", i, "the workbook has no sheet named '" + sheetName + "'");
        }
      }
      return rows;
    }
    Path temp = Files.createTempFile("weft-xlsx", ".xlsx");
    try {
      try (InputStream in = context.binaries().open(data)) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      boolean found = Xlsx.read(temp, sheet, sink);
      if (!found) {
        throw NodeException.parameter("sheetName", i, "the workbook has no sheet named '" + sheetName + "'");
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return rows;
  }
}
