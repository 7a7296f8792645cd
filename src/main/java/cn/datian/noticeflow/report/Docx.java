package cn.datian.noticeflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/**
 * The document machinery both reports share: an A4 Word document in the fonts of Chinese official
 * papers (方正小标宋/黑体/仿宋 where installed, 宋体 as every Word's fallback), with a centred title, numbered
 * headings, paragraphs and plain tables.
 */
final class Docx implements AutoCloseable {

  private static final String BODY_FONT = "仿宋";
  private static final String HEADING_FONT = "黑体";
  private static final String TITLE_FONT = "宋体";

  private final XWPFDocument document = new XWPFDocument();

  Docx() {
    CTFonts fonts = CTFonts.Factory.newInstance();
    fonts.setEastAsia(BODY_FONT);
    fonts.setAscii("Times New Roman");
    fonts.setHAnsi("Times New Roman");
    document.createStyles().setDefaultFonts(fonts);
    CTSectPr section = document.getDocument().getBody().addNewSectPr();
    section.addNewPgSz().setW(BigInteger.valueOf(11906)); // A4 in twentieths of a point
    section.getPgSz().setH(BigInteger.valueOf(16838));
    CTPageMar margins = section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2098)); // 3.7 cm top, 2.8 cm sides: GB/T 9704
    margins.setBottom(BigInteger.valueOf(1984));
    margins.setLeft(BigInteger.valueOf(1588));
    margins.setRight(BigInteger.valueOf(1474));
  }

  Docx title(String text) {
    XWPFParagraph p = document.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(240);
    run(p, text, TITLE_FONT, 22, true);
    return this;
  }

  Docx subtitle(String text) {
    XWPFParagraph p = document.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    run(p, text, BODY_FONT, 14, false);
    return this;
  }

  Docx heading(String text) {
    XWPFParagraph p = document.createParagraph();
    p.setSpacingBefore(240);
    p.setSpacingAfter(120);
    run(p, text, HEADING_FONT, 16, false);
    return this;
  }

  Docx subheading(String text) {
    XWPFParagraph p = document.createParagraph();
    p.setSpacingBefore(120);
    run(p, text, HEADING_FONT, 14, true);
    return this;
  }

  Docx paragraph(String text) {
    for (String line : (text == null ? "" : text).split("\\R", -1)) {
      XWPFParagraph p = document.createParagraph();
      p.setFirstLineIndent(640); // two characters
      run(p, line, BODY_FONT, 16, false);
    }
    return this;
  }

  /** A table with a header row; an empty body writes one row saying so. */
  Docx table(List<String> header, List<List<String>> rows, String whenEmpty) {
    if (rows.isEmpty()) {
      return paragraph(whenEmpty);
    }
    XWPFTable table = document.createTable(rows.size() + 1, header.size());
    table.setWidth("100%");
    table.setWidthType(TableWidthType.PCT);
    fill(table.getRow(0), header, true);
    for (int i = 0; i < rows.size(); i++) {
      fill(table.getRow(i + 1), rows.get(i), false);
    }
    document.createParagraph();
    return this;
  }

  byte[] toBytes() {
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    document.close();
  }

  private static void fill(XWPFTableRow row, List<String> cells, boolean bold) {
    for (int c = 0; c < cells.size(); c++) {
      XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
      run(p, cells.get(c), BODY_FONT, 10.5, bold);
    }
  }

  private static void run(XWPFParagraph p, String text, String font, double size, boolean bold) {
    XWPFRun run = p.createRun();
    run.setText(text == null ? "" : text);
    run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    run.setFontSize(size);
    run.setBold(bold);
  }
}
