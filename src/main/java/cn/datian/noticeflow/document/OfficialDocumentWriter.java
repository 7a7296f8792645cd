package cn.datian.noticeflow.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPBdr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;
import org.springframework.stereotype.Component;

/**
 * The notice as an official document in the layout of GB/T 9704-2012 (党政机关公文格式): A4 with its
 * margins, the issuing authority's mark (发文机关标志) in red 小标宋, the 文号, the red separator line, the
 * title in 2号小标宋, 主送机关, the body in 3号仿宋 (first-level headings 一、 in 黑体, second-level (一) in 楷体),
 * the 附件 line, 落款 and the 成文日期 in Arabic numerals (2021年9月10日). Fonts are named as GB/T 9704 asks;
 * Word substitutes where missing.
 */
@Component
public class OfficialDocumentWriter {

  public static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  static final String RED = "FF0000";
  static final String MARK_FONT = "方正小标宋简体";
  static final String TITLE_FONT = "方正小标宋简体";
  static final String BODY_FONT = "仿宋_GB2312";
  static final String HEADING_FONT = "黑体";
  static final String SUBHEADING_FONT = "楷体_GB2312";

  /** 3号 = 16 pt; 2号 = 22 pt; the mark larger, as the standard leaves it to the issuer. */
  static final int BODY_SIZE = 16;

  static final int TITLE_SIZE = 22;
  static final int MARK_SIZE = 26;

  /** One character of 3号 text in twentieths of a point: indents are counted in characters. */
  static final int CHAR = BODY_SIZE * 20;

  private static final Pattern FIRST_LEVEL = Pattern.compile("^[一二三四五六七八九十]+、.*");
  private static final Pattern SECOND_LEVEL = Pattern.compile("^[（(][一二三四五六七八九十]+[）)].*");

  /** What goes on the page: the record's fields, and the names of the attached files. */
  public record Content(
      String issuer,
      String number,
      String title,
      String recipients,
      String body,
      List<String> attachmentNames,
      LocalDate issuedOn) {}

  public byte[] write(Content c) {
    try (XWPFDocument doc = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      page(doc);
      // 版头: the mark, the number, the red line
      XWPFParagraph mark = paragraph(doc, ParagraphAlignment.CENTER);
      run(mark, markOf(c.issuer()), MARK_FONT, MARK_SIZE, RED);
      blank(doc);
      XWPFParagraph number = paragraph(doc, ParagraphAlignment.CENTER);
      run(number, c.number() == null ? "" : c.number(), BODY_FONT, BODY_SIZE, null);
      redLine(number);
      blank(doc);
      // 主体
      XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER);
      run(title, c.title(), TITLE_FONT, TITLE_SIZE, null);
      blank(doc);
      if (c.recipients() != null && !c.recipients().isBlank()) {
        XWPFParagraph to = paragraph(doc, ParagraphAlignment.LEFT);
        run(to, c.recipients() + "：", BODY_FONT, BODY_SIZE, null);
      }
      boolean bodyNamesAttachments = false;
      for (String line : c.body().split("\\R")) {
        String text = line.strip().replaceAll("^[\\u3000\\s]+", "");
        if (text.isEmpty()) {
          continue;
        }
        bodyNamesAttachments |= text.startsWith("附件");
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
        p.setIndentationFirstLine(2 * CHAR);
        String font =
            FIRST_LEVEL.matcher(text).matches()
                ? HEADING_FONT
                : SECOND_LEVEL.matcher(text).matches() ? SUBHEADING_FONT : BODY_FONT;
        run(p, text, font, BODY_SIZE, null);
      }
      if (!bodyNamesAttachments && !c.attachmentNames().isEmpty()) {
        blank(doc);
        List<String> names = c.attachmentNames();
        for (int i = 0; i < names.size(); i++) {
          XWPFParagraph p = paragraph(doc, ParagraphAlignment.LEFT);
          // 附件：1．名称; further ones aligned under the first name (GB/T 9704 7.3.4)
          p.setIndentationLeft(i == 0 ? 2 * CHAR : 5 * CHAR);
          String label = names.size() == 1 ? names.get(0) : (i + 1) + "．" + names.get(i);
          run(p, (i == 0 ? "附件：" : "") + label, BODY_FONT, BODY_SIZE, null);
        }
      }
      // 落款 and 成文日期: the date 4 characters from the right, the issuer centred above it
      blank(doc);
      blank(doc);
      String date = dateText(c.issuedOn());
      XWPFParagraph issuer = paragraph(doc, ParagraphAlignment.RIGHT);
      int dateWidth = date.length() * CHAR / 2 + 4 * CHAR;
      int issuerIndent =
          Math.max(0, 4 * CHAR + (date.length() * CHAR - c.issuer().length() * CHAR) / 2);
      issuer.setIndentationRight(Math.min(issuerIndent, dateWidth));
      run(issuer, c.issuer(), BODY_FONT, BODY_SIZE, null);
      XWPFParagraph dated = paragraph(doc, ParagraphAlignment.RIGHT);
      dated.setIndentationRight(4 * CHAR);
      run(dated, date, BODY_FONT, BODY_SIZE, null);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** 发文机关标志: the issuer's name followed by 文件 (GB/T 9704 7.2.3). */
  static String markOf(String issuer) {
    return issuer.endsWith("文件") ? issuer : issuer + "文件";
  }

  /** 成文日期 in Arabic numerals, year in full, no leading zeros: 2021年9月10日. */
  public static String dateText(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static void page(XWPFDocument doc) {
    CTFonts fonts = CTFonts.Factory.newInstance();
    fonts.setEastAsia(BODY_FONT);
    fonts.setAscii("Times New Roman");
    fonts.setHAnsi("Times New Roman");
    doc.createStyles().setDefaultFonts(fonts);
    CTSectPr section = doc.getDocument().getBody().addNewSectPr();
    section.addNewPgSz().setW(BigInteger.valueOf(11906)); // A4
    section.getPgSz().setH(BigInteger.valueOf(16838));
    CTPageMar margins = section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2098)); // 天头 37 mm
    margins.setBottom(BigInteger.valueOf(1984)); // 35 mm
    margins.setLeft(BigInteger.valueOf(1588)); // 订口 28 mm
    margins.setRight(BigInteger.valueOf(1474)); // 26 mm
  }

  private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(alignment);
    p.setSpacingAfter(0);
    p.setSpacingBetween(28, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT); // 22 lines a page
    return p;
  }

  private static void blank(XWPFDocument doc) {
    paragraph(doc, ParagraphAlignment.LEFT);
  }

  /** The separator under the 文号: a red line across the type area (GB/T 9704 7.2.5). */
  private static void redLine(XWPFParagraph p) {
    CTPBdr borders =
        p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetPBdr()
            ? p.getCTP().getPPr().getPBdr()
            : (p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr()).addNewPBdr();
    CTBorder bottom = borders.addNewBottom();
    bottom.setVal(STBorder.SINGLE);
    bottom.setSz(BigInteger.valueOf(12)); // 1.5 pt
    bottom.setSpace(BigInteger.valueOf(4));
    bottom.setColor(RED);
  }

  private static void run(XWPFParagraph p, String text, String font, int size, String color) {
    XWPFRun run = p.createRun();
    run.setText(text == null ? "" : text);
    run.setFontFamily(font, XWPFRun.FontCharRange.eastAsia);
    run.setFontSize(size);
    if (color != null) {
      run.setColor(color);
    }
  }
}
