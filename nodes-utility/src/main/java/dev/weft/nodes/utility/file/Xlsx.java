package dev.weft.nodes.utility.file;

import dev.weft.spi.Item;
import dev.weft.spi.NodeContext;
import dev.weft.spi.NodeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** XLSX with Apache POI's streaming APIs: SXSSF to write, the SAX event model to read, so sheets never sit whole in memory. */
final class Xlsx {
  private Xlsx() {}

  /**
   * Writes items as a sheet: a header row of the columns, then one row per item. XLSX is written streaming (SXSSF);
   * legacy XLS (at most 65,536 rows) in memory.
   */
  static void write(NodeContext context, List<Item> items, List<String> columns, String sheetName, boolean headerRow,
      OutputStream out, boolean xls) throws IOException, NodeException {
    if (xls && items.size() + (headerRow ? 1 : 0) > 65_536) {
      throw new NodeException("an XLS sheet holds at most 65,536 rows; " + items.size()
          + " items do not fit: use xlsx");
    }
    Workbook workbook = xls ? new HSSFWorkbook() : new SXSSFWorkbook(100);
    try {
      Sheet sheet = workbook.createSheet(sheetName);
      int r = 0;
      if (headerRow) {
        Row header = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          header.createCell(c).setCellValue(columns.get(c));
        }
      }
      for (Item item : items) {
        Row row = sheet.createRow(r++);
        for (int c = 0; c < columns.size(); c++) {
          Object value = item.json().get(columns.get(c));
          if (value == null) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
          } else if (value instanceof Boolean b) {
            cell.setCellValue(b);
          } else {
            cell.setCellValue(Cells.text(context, value));
          }
        }
      }
      workbook.write(out);
    } finally {
      workbook.close();
    }
  }

  /** Reads one sheet of a legacy XLS workbook row by row, with typed cells; returns whether the sheet was found. */
  static boolean readXls(InputStream in, String sheetName, RowSink sink) throws IOException, NodeException {
    try (HSSFWorkbook workbook = new HSSFWorkbook(in)) {
      Sheet sheet = sheetName.isEmpty() ? (workbook.getNumberOfSheets() == 0 ? null : workbook.getSheetAt(0))
          : workbook.getSheet(sheetName);
      if (sheet == null) {
        return false;
      }
      int next = 0;
      for (Row row : sheet) {
        while (next < row.getRowNum()) {
          sink.row(new ArrayList<>());
          next++;
        }
        List<Object> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
          cells.add(value(row.getCell(c)));
        }
        sink.row(cells);
        next = row.getRowNum() + 1;
      }
      return true;
    } catch (org.apache.poi.poifs.filesystem.NotOLE2FileException | org.apache.poi.poifs.filesystem.OfficeXmlFileException
        | org.apache.poi.hssf.OldExcelFormatException e) {
      throw new IOException("not a readable XLS file: " + e.getMessage(), e);
    }
  }

  private static Object value(Cell cell) {
    if (cell == null) {
      return null;
    }
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    return switch (type) {
      case NUMERIC -> {
        if (DateUtil.isCellDateFormatted(cell)) {
          yield cell.getLocalDateTimeCellValue().toString();
        }
        double d = cell.getNumericCellValue();
        yield d == Math.rint(d) && Math.abs(d) < 9e15 ? (Object) (long) d : (Object) d;
      }
      case STRING -> cell.getStringCellValue();
      case BOOLEAN -> cell.getBooleanCellValue();
      default -> null;
    };
  }

  /** Receives rows as lists of cell values (numbers, booleans or text; {@code null} for an empty cell). */
  interface RowSink {
    void row(List<Object> cells) throws NodeException;
  }

  /**
   * Reads one sheet, row by row.
   *
   * @param sheetName the sheet to read, or empty for the first
   * @return whether the sheet was found
   */
  static boolean read(Path file, String sheetName, RowSink sink) throws IOException, NodeException {
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          if (!sheetName.isEmpty() && !sheetName.equals(sheets.getSheetName())) {
            continue;
          }
          Collector collector = new Collector(sink);
          XMLReader parser = XMLHelper.newXMLReader();
          parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, collector, new DataFormatter(), false));
          parser.parse(new InputSource(sheet));
          if (collector.failure != null) {
            throw collector.failure;
          }
          return true;
        }
      }
      return false;
    } catch (OpenXML4JException | SAXException | org.apache.poi.ooxml.POIXMLException
        | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException e) {
      throw new IOException("not a readable XLSX file: " + e.getMessage(), e);
    } catch (javax.xml.parsers.ParserConfigurationException e) {
      throw new IOException("no XML parser available: " + e.getMessage(), e);
    }
  }

  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final RowSink sink;
    private final List<Object> cells = new ArrayList<>();
    private int nextRow;
    NodeException failure;

    Collector(RowSink sink) {
      this.sink = sink;
    }

    @Override
    public void startRow(int rowNum) {
      // Rows that the sheet leaves out are empty rows: keep positions so header and data line up.
      while (failure == null && nextRow < rowNum) {
        emit(new ArrayList<>());
        nextRow++;
      }
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      emit(new ArrayList<>(cells));
      nextRow = rowNum + 1;
    }

    private void emit(List<Object> row) {
      if (failure != null) {
        return;
      }
      try {
        sink.row(row);
      } catch (NodeException e) {
        failure = e;
      }
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      while (cells.size() < column) {
        cells.add(null);
      }
      cells.add(formattedValue == null ? null : Cells.infer(formattedValue));
    }
  }

  /** Header names for a row of cells: their text, or {@code column_N} where a header cell is empty. */
  static Map<Integer, String> header(List<Object> cells) {
    Map<Integer, String> names = new LinkedHashMap<>();
    for (int c = 0; c < cells.size(); c++) {
      Object v = cells.get(c);
      names.put(c, v == null || v.toString().isEmpty() ? "column_" + (c + 1) : v.toString());
    }
    return names;
  }
}
