package cn.datian.noticeflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import jakarta.servlet.ServletContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Permission before bytes, refusals mid-stream, dropped connections and broken uploads: over raw
 * sockets, as a hostile or unlucky client sends them. Whatever goes wrong, the store and the
 * evidence table are as they were.
 */
class UploadRefusalTest extends ProcessTestSupport {

  private static final long SIZE = 200L * 1024 * 1024;

  @LocalServerPort int port;
  @Autowired EvidenceRepository evidenceRepository;
  @Autowired EvidenceProperties properties;
  @Autowired ServletContext servletContext;

  private IssuedNotice notice;

  @BeforeEach
  void transportAtItsEvidenceTask() {
    notice = publishNotice("上传拒绝", List.of("transport", "health"));
    String response = responseOf(notice.processInstanceId(), "transport").getId();
    acknowledge(response, "transport");
    recordActivities(response, "transport", "运输服务质量提升行动");
  }

  @Test
  void twoHundredMegabytes_fromAnotherDepartmentsClerk_are403AtOnce_andNothingIsWritten()
      throws Exception {
    long storedBefore = storedFiles();
    Map<String, String> storeBefore = storeSnapshot();
    String boundary = "----hostile";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    AtomicLong sent = new AtomicLong();

    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          request(
              DemoUsers.clerkOf("health"),
              "transport",
              boundary,
              head.length + SIZE + tail.length));
      out.write(head);
      long started = System.nanoTime();
      // the body comes from a generator, written while the answer is awaited
      Thread writer =
          new Thread(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                  for (long left = SIZE; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                    sent.addAndGet(Math.min(chunk.length, left));
                  }
                  out.write(tail);
                } catch (IOException closedByTheServer) {
                  // expected: the server answers and drops the connection
                }
              });
      writer.start();
      String status = statusLine(socket.getInputStream());
      double seconds = (System.nanoTime() - started) / 1e9;
      long spooled = uploadTempFiles();
      Map<String, String> storeAtTheAnswer = storeSnapshot();
      writer.join(30_000);

      assertThat(storeAtTheAnswer)
          .as("the store directory when the 403 came")
          .isEqualTo(storeBefore);

      assertThat(status).contains(" 403 ");
      System.out.printf(
          "[upload-refusal] 403 after %.3f s, %d MB of 200 MB sent by then%n",
          seconds, sent.get() >> 20);
      assertThat(seconds).as("answered before the body").isLessThan(5);
      assertThat(spooled).as("multipart temp files at the moment of the answer").isZero();
      assertThat(sent.get()).as("the server stopped reading early").isLessThan(SIZE / 2);
    }
    assertThat(uploadTempFiles()).isZero();
    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    assertThat(storedFiles()).isEqualTo(storedBefore);
    assertThat(incomingFiles()).isZero();
    assertThat(storeSnapshot())
        .as("the store directory: no file, no folder, nothing touched")
        .isEqualTo(storeBefore);
  }

  @Test
  void aConnectionDroppedHalfway_leavesNoFileAndNoRow() throws Exception {
    long storedBefore = storedFiles();
    long size = 100L * 1024 * 1024;
    String boundary = "----dropped";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"活动视频.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          request(
              DemoUsers.clerkOf("transport"),
              "transport",
              boundary,
              head.length + size + tail.length));
      out.write(head);
      out.write(mp4Start());
      byte[] chunk = new byte[64 * 1024];
      for (long sent = mp4Start().length; sent < size / 2; sent += chunk.length) {
        out.write(chunk); // half of the body
      }
      out.flush();
      // the server is writing it into the store (not spooling it elsewhere) ...
      awaitTrue("a partial file in the store's incoming folder", () -> incomingBytes() > 0);
      assertThat(uploadTempFiles()).as("nothing spooled by the container").isZero();
    } // ... when the client goes away
    awaitTrue("the partial file deleted", () -> incomingFiles() == 0);

    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    assertThat(storedFiles()).isEqualTo(storedBefore);
  }

  @Test
  void anImagePastItsLimit_isRefusedMidStream_400InChinese_andNothingIsStored() throws Exception {
    Map<String, String> storeBefore = storeSnapshot();
    storeBefore.remove("incoming"); // where the refused file was being written (and deleted)
    long limit = properties.maxImageSize().toBytes();
    long size = limit + 10L * 1024 * 1024;
    String boundary = "----toolarge";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"现场照片.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] png = EvidenceApiTest.png(64 * 1024);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          request(
              DemoUsers.clerkOf("transport"),
              "transport",
              boundary,
              head.length + size + tail.length));
      out.write(head);
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (long left = size; left > 0; left -= png.length) {
                    out.write(png, 0, (int) Math.min(png.length, left));
                  }
                  out.write(tail);
                } catch (IOException closedByTheServer) {
                  // expected: the server answers and drops the connection
                }
              });
      writer.start();
      String answer = response(socket.getInputStream());
      writer.join(30_000);

      assertThat(answer).startsWith("HTTP/1.1 400");
      String body = answer.substring(answer.indexOf("\r\n\r\n"));
      assertThat(body)
          .contains("“现场照片.png”过大：图片不能超过 " + properties.maxImageSize().toMegabytes() + " MB")
          .doesNotContain("Exception", "java.");
    }
    awaitTrue("the partial file deleted", () -> incomingFiles() == 0);
    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    Map<String, String> storeAfter = storeSnapshot();
    storeAfter.remove("incoming");
    assertThat(storeAfter).isEqualTo(storeBefore);
  }

  @Test
  void aDeclaredLengthNoFileMayHave_is413BeforeTheBody() throws Exception {
    Map<String, String> storeBefore = storeSnapshot();
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request(DemoUsers.clerkOf("transport"), "transport", "----huge", 3L << 30));
      out.flush(); // and not a byte of the body
      String answer = response(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413");
      assertThat(answer.substring(answer.indexOf("\r\n\r\n"))).contains("上传内容过大：单个文件不能超过");
    }
    assertThat(storeSnapshot()).isEqualTo(storeBefore);
  }

  @Test
  void brokenMultipartBodies_answer400InChinese_withoutClassNames_andStoreNothing()
      throws Exception {
    long storedBefore = storedFiles();
    String clerk = DemoUsers.clerkOf("transport");
    String b = "----broken";
    record Case(String name, String contentType, byte[] body) {}
    List<Case> cases =
        List.of(
            new Case(
                "NUL in the file name",
                "multipart/form-data; boundary=" + b,
                ("--"
                        + b
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\0.pdf\"\r\n\r\n%PDF-1.4\r\n--"
                        + b
                        + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8)),
            new Case(
                "truncated body",
                "multipart/form-data; boundary=" + b,
                ("--"
                        + b
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then nothing")
                    .getBytes(StandardCharsets.UTF_8)),
            new Case(
                "no boundary",
                "multipart/form-data",
                ("--"
                        + b
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--"
                        + b
                        + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    for (Case c : cases) {
      String answer = send(clerk, c.contentType(), c.body());
      assertThat(answer).as(c.name()).startsWith("HTTP/1.1 400");
      String body = answer.substring(answer.indexOf("\r\n\r\n"));
      assertThat(body)
          .as(c.name())
          .containsPattern("\\p{IsHan}")
          .doesNotContain("Exception", "java.", "org.apache");
    }
    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    assertThat(storedFiles()).isEqualTo(storedBefore);
    assertThat(incomingFiles()).isZero();
  }

  // --- helpers --------------------------------------------------------------------------------

  private byte[] request(String user, String department, String boundary, long length) {
    return ("POST /api/notices/"
            + notice.noticeId()
            + "/departments/"
            + department
            + "/evidence HTTP/1.1\r\n"
            + "Host: localhost\r\nAuthorization: Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))
            + "\r\nContent-Type: multipart/form-data; boundary="
            + boundary
            + "\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String send(String user, String contentType, byte[] body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/notices/"
                  + notice.noticeId()
                  + "/departments/transport/evidence HTTP/1.1\r\n"
                  + "Host: localhost\r\nConnection: close\r\nAuthorization: Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))
                  + "\r\nContent-Type: "
                  + contentType
                  + "\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The first bytes of an MP4 ("ftyp"), so the upload is taken for a video. */
  private static byte[] mp4Start() {
    byte[] start = new byte[64 * 1024];
    byte[] ftyp = {
      0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'm', 'p', '4', '2', 'i',
      's', 'o', 'm'
    };
    System.arraycopy(ftyp, 0, start, 0, ftyp.length);
    return start;
  }

  /** One HTTP response: status line, headers and the body (by Content-Length, or chunked). */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      headers.write(c);
    }
    String head = headers.toString(StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    byte[] body;
    if (length.find()) {
      body = in.readNBytes(Integer.parseInt(length.group(1)));
    } else {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      while (true) {
        int n = Integer.parseInt(line(in).strip(), 16);
        if (n == 0) {
          break;
        }
        chunks.write(in.readNBytes(n));
        line(in);
      }
      body = chunks.toByteArray();
    }
    return head + new String(body, StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.write(c);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  /** Waits for a condition the server brings about on its own thread (10 s at most). */
  private static void awaitTrue(String what, Check check) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Every file and folder below the store, with size and modification time. */
  private Map<String, String> storeSnapshot() throws IOException {
    Path root = Path.of(properties.store());
    Map<String, String> snapshot = new java.util.TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        snapshot.put(
            root.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p));
      }
    }
    return snapshot;
  }

  private long incomingBytes() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(properties.store()).resolve("incoming"))) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        total += Files.size(p);
      }
      return total;
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      line.write(c);
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** The files Tomcat spools multipart parts to (its work directory's temp dir). */
  private long uploadTempFiles() throws IOException {
    File temp = (File) servletContext.getAttribute(ServletContext.TEMPDIR);
    try (Stream<Path> files = Files.walk(temp.toPath())) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("upload_"))
          .count();
    }
  }

  private long storedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(properties.store()))) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getParent().endsWith("incoming"))
          .count();
    }
  }

  private long incomingFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(properties.store()).resolve("incoming"))) {
      return files.count();
    }
  }
}
