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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Permission before bytes, and broken uploads refused with 400: over raw sockets, as a hostile
 * client sends them.
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
  void twoHundredMegabytes_fromAnotherDepartmentsClerk_are403AtOnce_andNothingIsWritten() throws Exception {
    long storedBefore = storedFiles();
    String boundary = "----hostile";
    byte[] head =
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    AtomicLong sent = new AtomicLong();

    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request(DemoUsers.clerkOf("health"), "transport", boundary, head.length + SIZE + tail.length));
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
      writer.join(30_000);

      assertThat(status).contains(" 403 ");
      System.out.printf("[upload-refusal] 403 after %.3f s, %d MB of 200 MB sent by then%n", seconds, sent.get() >> 20);
      assertThat(seconds).as("answered before the body").isLessThan(5);
      assertThat(spooled).as("multipart temp files at the moment of the answer").isZero();
      assertThat(sent.get()).as("the server stopped reading early").isLessThan(SIZE / 2);
    }
    assertThat(uploadTempFiles()).isZero();
    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    assertThat(storedFiles()).isEqualTo(storedBefore);
    assertThat(incomingFiles()).isZero();
  }

  @Test
  void brokenMultipartBodies_answer400InChinese_withoutClassNames_andStoreNothing() throws Exception {
    long storedBefore = storedFiles();
    String clerk = DemoUsers.clerkOf("transport");
    String b = "----broken";
    record Case(String name, String contentType, byte[] body) {}
    List<Case> cases =
        List.of(
            new Case("NUL in the file name", "multipart/form-data; boundary=" + b,
                ("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\0.pdf\"\r\n\r\n%PDF-1.4\r\n--" + b + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8)),
            new Case("truncated body", "multipart/form-data; boundary=" + b,
                ("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 and then nothing")
                    .getBytes(StandardCharsets.UTF_8)),
            new Case("no boundary", "multipart/form-data",
                ("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--" + b + "--\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    for (Case c : cases) {
      String answer = send(clerk, c.contentType(), c.body());
      assertThat(answer).as(c.name()).startsWith("HTTP/1.1 400");
      String body = answer.substring(answer.indexOf("\r\n\r\n"));
      assertThat(body).as(c.name()).containsPattern("\\p{IsHan}").doesNotContain("Exception", "java.", "org.apache");
    }
    assertThat(evidenceRepository.stored(notice.noticeId(), "transport")).isEmpty();
    assertThat(storedFiles()).isEqualTo(storedBefore);
    assertThat(incomingFiles()).isZero();
  }

  // --- helpers --------------------------------------------------------------------------------

  private byte[] request(String user, String department, String boundary, long length) {
    return ("POST /api/notices/" + notice.noticeId() + "/departments/" + department + "/evidence HTTP/1.1\r\n"
            + "Host: localhost\r\nAuthorization: Basic "
            + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))
            + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String send(String user, String contentType, byte[] body) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/notices/" + notice.noticeId() + "/departments/transport/evidence HTTP/1.1\r\n"
              + "Host: localhost\r\nConnection: close\r\nAuthorization: Basic "
              + Base64.getEncoder().encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8))
              + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
      return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("upload_")).count();
    }
  }

  private long storedFiles() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(properties.store()))) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getParent().endsWith("incoming")).count();
    }
  }

  private long incomingFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(properties.store()).resolve("incoming"))) {
      return files.count();
    }
  }
}
