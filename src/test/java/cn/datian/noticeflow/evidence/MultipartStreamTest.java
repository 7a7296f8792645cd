package cn.datian.noticeflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming multipart parser on its own: framing at every buffer edge, faults, slow clients.
 */
class MultipartStreamTest {

  private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

  @Test
  void partsOfEverySizeAroundTheBuffer_comeBackByteExact_evenWhenTheClientTrickles()
      throws Exception {
    Random random = new Random(7);
    int b = MultipartStream.BUFFER_SIZE;
    int[] sizes = {
      0, 1, 2, 40, b - 60, b - 45, b - 44, b - 43, b - 1, b, b + 1, 2 * b + 17, 300_000
    };
    for (int size : sizes) {
      byte[] content = new byte[size];
      random.nextBytes(content);
      // near-delimiters in the content: CRLF, CRLF--, and the boundary without its dashes
      plant(content, random, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      plant(
          content,
          random,
          ("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1))
              .getBytes(StandardCharsets.ISO_8859_1));
      plant(content, random, BOUNDARY.getBytes(StandardCharsets.ISO_8859_1));
      byte[] second = "第二个文件".getBytes(StandardCharsets.UTF_8);
      byte[] body =
          body(
              "preamble to ignore\r\n",
              part("file", "活动 \"总结\".pdf", content),
              part("note", null, second));
      for (int chunk : new int[] {1, 7, 8192, Integer.MAX_VALUE}) {
        if (chunk == 1 && size > 70_000) {
          continue; // byte by byte is slow; the small sizes cover it
        }
        List<byte[]> parts = new ArrayList<>();
        List<String> dispositions = new ArrayList<>();
        MultipartStream stream =
            new MultipartStream(new Trickle(new ByteArrayInputStream(body), chunk), BOUNDARY);
        MultipartStream.Part part;
        while ((part = stream.next()) != null) {
          dispositions.add(part.header("Content-Disposition"));
          parts.add(part.content().readAllBytes());
        }
        assertThat(parts).as("size %d, chunks of %d", size, chunk).hasSize(2);
        assertThat(parts.get(0)).as("size %d, chunks of %d", size, chunk).isEqualTo(content);
        assertThat(parts.get(1)).isEqualTo(second);
        assertThat(dispositions.get(0))
            .isEqualTo("form-data; name=\"file\"; filename=\"活动 \\\"总结\\\".pdf\"");
      }
    }
  }

  @Test
  void aPartLeftUnread_isSkippedToTheNext() throws Exception {
    byte[] big = new byte[200_000];
    new Random(1).nextBytes(big);
    MultipartStream stream =
        new MultipartStream(
            new ByteArrayInputStream(
                body("", part("skip", null, big), part("file", "a.txt", "ok".getBytes()))),
            BOUNDARY);
    stream.next();
    MultipartStream.Part second = stream.next();
    assertThat(second.header("content-disposition")).contains("a.txt");
    assertThat(second.content().readAllBytes()).isEqualTo("ok".getBytes());
    assertThat(stream.next()).isNull();
  }

  @Test
  void aBodyCutShort_orWithoutItsDelimiter_isMalformed() throws Exception {
    byte[] whole = body("", part("file", "a.pdf", new byte[100_000]));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
    MultipartStream truncated = new MultipartStream(new ByteArrayInputStream(cut), BOUNDARY);
    InputStream content = truncated.next().content();
    assertThatThrownBy(content::readAllBytes)
        .isInstanceOf(MultipartStream.MalformedException.class);

    MultipartStream noDelimiter =
        new MultipartStream(
            new ByteArrayInputStream("just some bytes, no parts".getBytes()), BOUNDARY);
    assertThatThrownBy(noDelimiter::next).isInstanceOf(MultipartStream.MalformedException.class);

    byte[] endless =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + "x".repeat(20_000))
            .getBytes(StandardCharsets.UTF_8);
    MultipartStream longHeader = new MultipartStream(new ByteArrayInputStream(endless), BOUNDARY);
    assertThatThrownBy(longHeader::next).isInstanceOf(MultipartStream.MalformedException.class);
  }

  @Test
  void aReadThatFails_isABrokenConnection() throws Exception {
    InputStream dropping =
        new InputStream() {
          private int left = 100_000;

          @Override
          public int read() throws IOException {
            if (left-- > 0) {
              return 'x';
            }
            throw new IOException("Connection reset by peer");
          }
        };
    byte[] head =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    MultipartStream stream =
        new MultipartStream(
            new java.io.SequenceInputStream(new ByteArrayInputStream(head), dropping), BOUNDARY);
    InputStream content = stream.next().content();
    assertThatThrownBy(content::readAllBytes)
        .isInstanceOf(MultipartStream.BrokenConnectionException.class);
  }

  @Test
  void theBoundaryIsTakenFromTheContentType() {
    assertThat(MultipartStream.boundaryOf("multipart/form-data; boundary=abc")).isEqualTo("abc");
    assertThat(MultipartStream.boundaryOf("multipart/form-data; charset=UTF-8; BOUNDARY=\"a b\""))
        .isEqualTo("a b");
    assertThat(MultipartStream.boundaryOf("multipart/form-data")).isNull();
    assertThat(MultipartStream.boundaryOf(null)).isNull();
  }

  // --- helpers --------------------------------------------------------------------------------

  private static void plant(byte[] content, Random random, byte[] what) {
    if (content.length > what.length) {
      for (int i = 0; i < 3; i++) {
        int at =
            i == 0 ? content.length - what.length : random.nextInt(content.length - what.length);
        System.arraycopy(what, 0, content, at, what.length);
      }
    }
  }

  private static byte[] part(String name, String fileName, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String escaped = fileName == null ? null : fileName.replace("\"", "\\\"");
    out.write(
        ("Content-Disposition: form-data; name=\""
                + name
                + "\""
                + (escaped == null ? "" : "; filename=\"" + escaped + "\"")
                + "\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.write(content);
    return out.toByteArray();
  }

  private static byte[] body(String preamble, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(preamble.getBytes(StandardCharsets.UTF_8));
    for (byte[] part : parts) {
      out.write(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(part);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /** A client that sends at most {@code chunk} bytes at a time. */
  private static final class Trickle extends FilterInputStream {
    private final int chunk;

    Trickle(InputStream in, int chunk) {
      super(in);
      this.chunk = chunk;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
