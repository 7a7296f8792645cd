package cn.datian.noticeflow.directory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An uploaded table: the first row names the columns (Chinese headers), each later row is one
 * record, numbered as the office sees it in Excel (the header is row 1). Reads .xlsx and CSV in
 * UTF-8, with or without BOM (Excel's "CSV UTF-8" writes one).
 */
public record Sheet(List<String> headers, List<Line> lines) {

  /** One record: its row number in the file and its cells by header. */
  public record Line(int number, Map<String, String> cells) {
    public String get(String header) {
      String v = cells.get(header);
      return v == null ? "" : v.strip();
    }

    boolean isBlank() {
      return cells.values().stream().allMatch(v -> v == null || v.isBlank());
    }
  }

  private static final int MAX_ROWS = 20_000;

  public static Sheet read(String fileName, byte[] content) {
    boolean zip = content.length >= 4 && content[0] == 'P' && content[1] == 'K';
    if (zip || (fileName != null && fileName.toLowerCase().endsWith(".xlsx"))) {
      return readXlsx(content);
    }
    return readCsv(content);
  }

  static Sheet readXlsx(byte[] content) {
    try (InputStream in = new ByteArrayInputStream(content);
        Workbook book = WorkbookFactory.create(in)) {
      org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
      DataFormatter format =
          new DataFormatter(); // a mobile number stays "13800000000", not 1.38E10
      List<List<String>> rows = new ArrayList<>();
      for (int r = 0; r <= Math.min(sheet.getLastRowNum(), MAX_ROWS); r++) {
        Row row = sheet.getRow(r);
        List<String> cells = new ArrayList<>();
        if (row != null) {
          for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : format.formatCellValue(cell));
          }
        }
        rows.add(cells);
      }
      return of(rows);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("无法读取 Excel 文件：请上传 .xlsx 或 UTF-8 编码的 CSV 文件");
    }
  }

  static Sheet readCsv(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\uFFFD') >= 0) {
      throw new IllegalArgumentException("CSV 文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”");
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        if (rows.size() > MAX_ROWS) {
          break;
        }
      } else {
        cell.append(ch);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      rows.add(row);
    }
    return of(rows);
  }

  private static Sheet of(List<List<String>> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("文件是空的：第1行应为表头");
    }
    List<String> headers = rows.get(0).stream().map(String::strip).toList();
    List<Line> lines = new ArrayList<>();
    for (int r = 1; r < rows.size(); r++) {
      Map<String, String> cells = new LinkedHashMap<>();
      for (int c = 0; c < headers.size(); c++) {
        cells.put(headers.get(c), c < rows.get(r).size() ? rows.get(r).get(c) : "");
      }
      Line line = new Line(r + 1, cells);
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return new Sheet(headers, lines);
  }

  /** A template: the header row, then example rows, in an .xlsx the office fills in. */
  public static byte[] template(List<String> headers, List<List<String>> examples) {
    try (XSSFWorkbook book = new XSSFWorkbook();
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = book.createSheet("导入");
      var style = book.createCellStyle();
      var font = book.createFont();
      font.setBold(true);
      style.setFont(font);
      var text = book.createDataFormat().getFormat("@"); // ids and mobiles stay text
      var textStyle = book.createCellStyle();
      textStyle.setDataFormat(text);
      Row head = sheet.createRow(0);
      for (int c = 0; c < headers.size(); c++) {
        Cell cell = head.createCell(c);
        cell.setCellValue(headers.get(c));
        cell.setCellStyle(style);
        sheet.setDefaultColumnStyle(c, textStyle);
        sheet.setColumnWidth(c, 20 * 256);
      }
      for (int r = 0; r < examples.size(); r++) {
        Row row = sheet.createRow(r + 1);
        for (int c = 0; c < examples.get(r).size(); c++) {
          Cell cell = row.createCell(c);
          cell.setCellValue(examples.get(r).get(c));
          cell.setCellStyle(textStyle);
        }
      }
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
