package cn.datian.noticeflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind the notice asks for is recognised from its content; anything else is not. */
class ContentTypesTest {

  @TempDir Path dir;
  private final ContentTypes types = new ContentTypes();

  @Test
  void documents() throws Exception {
    assertThat(detect("a.pdf", ascii("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"))).hasValue("application/pdf");
    // OFD (GB/T 33190): a ZIP package with OFD.xml at its root, whatever its name says
    assertThat(detect("公文.ofd", zip("OFD.xml", "Doc_0/Document.xml"))).hasValue("application/ofd");
    assertThat(detect("公文.pdf", zip("OFD.xml", "Doc_0/Document.xml"))).hasValue("application/ofd");
    assertThat(detect("公文.ofd", zip("Doc_0/OFD.xml"))).isEmpty(); // not at the root: not an OFD
    assertThat(detect("总结.docx", zip("[Content_Types].xml", "word/document.xml")))
        .hasValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(detect("表.xlsx", zip("[Content_Types].xml", "xl/workbook.xml")))
        .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(detect("汇报.pptx", zip("[Content_Types].xml", "ppt/presentation.xml")))
        .hasValue("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    assertThat(detect("总结.odt", odt())).hasValue("application/vnd.oasis.opendocument.text");
    assertThat(detect("总结.doc", ole2())).hasValue("application/msword");
    assertThat(detect("总结.wps", ole2())).hasValue("application/vnd.ms-works");
    assertThat(detect("表.et", ole2())).hasValue("application/vnd.ms-excel");
    assertThat(detect("说明.txt", "本局按通知要求开展了质量月活动。\n".getBytes(StandardCharsets.UTF_8)))
        .hasValue("text/plain");
  }

  @Test
  void picturesAndVideos() throws Exception {
    assertThat(detect("a.jpg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0)))
        .hasValue("image/jpeg");
    assertThat(detect("a.gif", ascii("GIF89a\u0001\u0000\u0001\u0000"))).hasValue("image/gif");
    assertThat(detect("a.webp", ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ")))
        .hasValue("image/webp");
    assertThat(detect("a.heic", ftyp("heic"))).hasValue("image/heic");
    assertThat(detect("a.mp4", ftyp("mp42"))).hasValue("video/mp4");
    assertThat(detect("a.mov", ftyp("qt  "))).hasValue("video/quicktime");
    assertThat(detect("a.avi", ascii("RIFF\u0024\u0000\u0000\u0000AVI LIST")))
        .hasValue("video/x-msvideo");
    byte[] mkv = new byte[64];
    byte[] head = {
      0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x93, 0x42, (byte) 0x82, (byte) 0x88
    };
    System.arraycopy(head, 0, mkv, 0, head.length);
    System.arraycopy("matroska".getBytes(StandardCharsets.US_ASCII), 0, mkv, 8, 8);
    assertThat(detect("a.mkv", mkv))
        .hasValueSatisfying(t -> assertThat(t).isIn("video/x-matroska", "video/webm"));
  }

  @Test
  void executablesArchivesAndWrongOle2Names_areNotAccepted() throws Exception {
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';
    assertThat(detect("总结.pdf", exe)).isEmpty();
    assertThat(detect("总结.pdf", ascii("#!/bin/sh\nrm -rf /\n"))).isEmpty();
    assertThat(detect("资料.zip", zip("a.txt"))).isEmpty();
    assertThat(detect("总结.pdf", ole2()))
        .as("OLE2 under a name that is not an office file")
        .isEmpty();
  }

  private Optional<String> detect(String name, byte[] content) throws Exception {
    Path file = dir.resolve("f" + System.nanoTime());
    Files.write(file, content);
    return types.classify(file, name, new StringBuilder()).map(ContentTypes.Detected::contentType);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] ftyp(String brand) {
    byte[] b = new byte[32];
    byte[] head =
        ("\u0000\u0000\u0000\u0018ftyp" + brand + "\u0000\u0000\u0000\u0000" + brand)
            .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, b, 0, head.length);
    return b;
  }

  private static byte[] ole2() {
    byte[] b = new byte[1024];
    byte[] magic = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    System.arraycopy(magic, 0, b, 0, magic.length);
    return b;
  }

  private static byte[] zip(String... entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static byte[] odt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      ZipEntry mimetype = new ZipEntry("mimetype");
      zip.putNextEntry(mimetype);
      zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("content.xml"));
      zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return out.toByteArray();
  }
}
