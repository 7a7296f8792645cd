package cn.datian.noticeflow.oversight;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The board as an Excel workbook: the same columns as the CSV, with the due time as a real date and
 * the light as a coloured cell. Written streaming, so a large board stays off the heap.
 */
final class OversightWorkbook {

  static final List<String> HEADER = List.of("通知", "部门", "阶段", "期限", "剩余工作日", "状态");

  private OversightWorkbook() {}

  static byte[] write(List<OversightRow> rows, ZoneId zone) {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("督办看板");
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle header = workbook.createCellStyle();
      header.setFont(bold);
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
      CellStyle[] lights = new CellStyle[Light.values().length];
      for (Light light : Light.values()) {
        CellStyle style = workbook.createCellStyle();
        style.setFillForegroundColor(colour(light).getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        lights[light.ordinal()] = style;
      }

      Row first = sheet.createRow(0);
      for (int c = 0; c < HEADER.size(); c++) {
        first.createCell(c).setCellValue(HEADER.get(c));
        first.getCell(c).setCellStyle(header);
      }
      int i = 1;
      for (OversightRow r : rows) {
        Row row = sheet.createRow(i++);
        row.createCell(0).setCellValue(r.noticeTitle());
        row.createCell(1).setCellValue(r.departmentName());
        row.createCell(2).setCellValue(r.stageLabel());
        row.createCell(3).setCellValue(r.due().atZoneSameInstant(zone).toLocalDateTime());
        row.getCell(3).setCellStyle(date);
        Cell days = row.createCell(4);
        if (!r.settled()) { // accepted or declined: nothing owed, no days left to count
          days.setCellValue(r.workingDaysLeft());
        }
        row.createCell(5).setCellValue(r.lightLabel());
        row.getCell(5).setCellStyle(lights[r.light().ordinal()]);
      }
      int[] widths = {40, 22, 14, 18, 12, 10};
      for (int c = 0; c < widths.length; c++) {
        sheet.setColumnWidth(c, widths[c] * 256);
      }
      sheet.createFreezePane(0, 1);
      workbook.write(out);
      workbook.dispose();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IndexedColors colour(Light light) {
    return switch (light) {
      case GREEN -> IndexedColors.LIGHT_GREEN;
      case YELLOW -> IndexedColors.LIGHT_YELLOW;
      case RED -> IndexedColors.CORAL;
      case GREY -> IndexedColors.GREY_25_PERCENT;
      case SILENT -> IndexedColors.GREY_25_PERCENT;
    };
  }
}
