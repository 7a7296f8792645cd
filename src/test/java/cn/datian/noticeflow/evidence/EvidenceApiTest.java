package cn.datian.noticeflow.evidence;

import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Evidence over real HTTP: round trip, every refused upload, concurrent uploads. */
class EvidenceApiTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";

  @LocalServerPort int port;
  @Autowired EvidenceRepository evidenceRepository;
  @Autowired EvidenceProperties properties;
  @Autowired ObjectMapper objectMapper;
  @Autowired MeterRegistry meters;

  private final HttpClient client = HttpClient.newHttpClient();
  private IssuedNotice notice;
  private String response;

  @BeforeEach
  void departmentAtItsEvidenceTask() {
    notice = publishNotice("佐证材料", List.of(TRANSPORT, "health"));
    response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    acknowledge(response, TRANSPORT);
    recordActivities(response, TRANSPORT, "运输服务质量提升行动");
  }

  @Test
  void upload_thenDownload_isByteExact_withItsHashAndChineseName() throws Exception {
    byte[] png = png(200_000);

    HttpResponse<String> uploaded = upload(DemoUsers.clerkOf(TRANSPORT), "质量月活动现场照片.png", png);

    assertThat(uploaded.statusCode()).isEqualTo(201);
    JsonNode stored = objectMapper.readTree(uploaded.body()).get(0);
    assertThat(stored.get("contentType").asText()).isEqualTo("image/png");
    assertThat(stored.get("kind").asText()).isEqualTo("image");
    assertThat(stored.get("size").asLong()).isEqualTo(png.length);
    assertThat(stored.get("sha256").asText()).isEqualTo(sha256(png));
    assertThat(stored.get("uploadedBy").asText()).isEqualTo(DemoUsers.clerkOf(TRANSPORT));

    HttpResponse<byte[]> downloaded =
        client.send(
            get("/api/evidence/" + stored.get("id").asText(), DemoUsers.SUPERVISOR),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(downloaded.statusCode()).isEqualTo(200);
    assertThat(downloaded.body()).isEqualTo(png);
    assertThat(downloaded.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(downloaded.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment", "filename*=UTF-8''%E8%B4%A8%E9%87%8F%E6%9C%88");
    assertThat(downloaded.headers().firstValue("X-Content-SHA256")).hasValue(sha256(png));

    // the list, for the department and the office; not for another department
    assertThat(listAs(DemoUsers.OFFICE_CLERK).statusCode()).isEqualTo(200);
    assertThat(objectMapper.readTree(listAs(DemoUsers.headOf(TRANSPORT)).body())).hasSize(1);
    assertThat(listAs(DemoUsers.clerkOf("health")).statusCode()).isEqualTo(403);
    assertThat(
            client
                .send(
                    get("/api/evidence/" + stored.get("id").asText(), DemoUsers.clerkOf("health")),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void refusedUploads_answer4xx_andLeaveNoRowAndNoFile() throws Exception {
    long filesBefore = storedFiles();
    String clerk = DemoUsers.clerkOf(TRANSPORT);
    byte[] exe = new byte[4096];
    exe[0] = 'M';
    exe[1] = 'Z';
    System.arraycopy(
        "This program cannot be run in DOS mode".getBytes(StandardCharsets.US_ASCII),
        0,
        exe,
        78,
        38);
    byte[] tooLargeImage = png((int) properties.maxImageSize().toBytes() + 1);

    record Case(
        String name,
        String user,
        String path,
        String fileName,
        byte[] bytes,
        int status,
        String says) {}
    String own = "/api/notices/" + notice.noticeId() + "/departments/" + TRANSPORT + "/evidence";
    List<Case> cases =
        List.of(
            new Case("empty file", clerk, own, "总结.pdf", new byte[0], 400, "空"),
            new Case("image over its limit", clerk, own, "大图.png", tooLargeImage, 400, "不能超过"),
            new Case("executable renamed .pdf", clerk, own, "总结.pdf", exe, 400, "不是可接受的文件：只接受文档"),
            new Case("path in the name", clerk, own, "../../x.pdf", SUMMARY_PDF, 400, "文件名"),
            new Case(
                "unknown notice",
                clerk,
                "/api/notices/no-such/departments/transport/evidence",
                "a.pdf",
                SUMMARY_PDF,
                404,
                "通知不存在"),
            new Case(
                "unknown department",
                clerk,
                "/api/notices/" + notice.noticeId() + "/departments/no-such/evidence",
                "a.pdf",
                SUMMARY_PDF,
                404,
                "不是该通知的接收单位"),
            new Case(
                "another department's notice",
                DemoUsers.clerkOf("health"),
                own,
                "a.pdf",
                SUMMARY_PDF,
                403,
                "本部门"),
            new Case(
                "health is not at its evidence task",
                DemoUsers.clerkOf("health"),
                "/api/notices/" + notice.noticeId() + "/departments/health/evidence",
                "a.pdf",
                SUMMARY_PDF,
                409,
                "不能上传"));
    for (Case c : cases) {
      HttpResponse<String> answer = upload(c.user(), c.path(), c.fileName(), c.bytes());
      assertThat(answer.statusCode()).as(c.name()).isEqualTo(c.status());
      assertThat(answer.body()).as(c.name()).contains(c.says());
      // the upload form shows a refused file's reason: no MIME type, no field id, no English gloss
      if (c.status() == 400) {
        assertThat(answer.body())
            .as(c.name())
            .doesNotContainPattern("application/|image/|video/| \\(|file:");
      }
    }

    assertThat(evidenceRepository.stored(notice.noticeId(), TRANSPORT)).isEmpty();
    assertThat(storedFiles()).isEqualTo(filesBefore);
    assertThat(incomingFiles()).isZero();
  }

  @Test
  void uploadAfterTheEvidenceTaskIsDone_andDeleteThen_areRefused() throws Exception {
    HttpResponse<String> first = upload(DemoUsers.clerkOf(TRANSPORT), "总结.pdf", SUMMARY_PDF);
    String id = objectMapper.readTree(first.body()).get(0).get("id").asText();
    // a file can be removed while the task is open
    HttpResponse<String> extra = upload(DemoUsers.clerkOf(TRANSPORT), "多余.pdf", SUMMARY_PDF);
    String extraId = objectMapper.readTree(extra.body()).get(0).get("id").asText();
    assertThat(delete(extraId, DemoUsers.clerkOf("health")).statusCode()).isEqualTo(403);
    assertThat(delete(extraId, DemoUsers.clerkOf(TRANSPORT)).statusCode()).isEqualTo(204);
    assertThat(evidenceRepository.stored(notice.noticeId(), TRANSPORT))
        .extracting(Evidence::id)
        .containsExactly(id);

    completeAs(
        DemoUsers.clerkOf(TRANSPORT),
        task(response, TASK_UPLOAD_EVIDENCE),
        Map.of("summaryText", "总结"));
    assertThat(runtimeService.getVariable(response, "evidenceIds")).isEqualTo(id);

    HttpResponse<String> late = upload(DemoUsers.clerkOf(TRANSPORT), "补充.pdf", SUMMARY_PDF);
    assertThat(late.statusCode()).isEqualTo(409);
    assertThat(delete(id, DemoUsers.clerkOf(TRANSPORT)).statusCode()).isEqualTo(409);
    assertThat(evidenceRepository.stored(notice.noticeId(), TRANSPORT)).hasSize(1);
  }

  @Test
  void evidenceTask_withoutASummaryDocument_isRefused() throws Exception {
    upload(DemoUsers.clerkOf(TRANSPORT), "现场.png", png(1000));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                completeAs(
                    DemoUsers.clerkOf(TRANSPORT),
                    task(response, TASK_UPLOAD_EVIDENCE),
                    Map.of("summaryText", "总结")))
        .hasMessage("请先上传活动总结的电子文档（PDF、Word、WPS 等）");
    assertThat(task(response, TASK_UPLOAD_EVIDENCE)).isNotNull();
  }

  @Test
  void droppedConnectionHalfway_leavesNothing() throws Exception {
    long filesBefore = storedFiles();
    long answeredBefore = uploadsAnswered(status -> true);
    long acceptedBefore = uploadsAnswered(status -> status.startsWith("2"));
    String boundary = "----noticeflow-dropped";
    String head =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"video.mp4\"\r\n"
            + "Content-Type: video/mp4\r\n\r\n";
    try (Socket socket = new Socket("localhost", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/notices/"
                  + notice.noticeId()
                  + "/departments/"
                  + TRANSPORT
                  + "/evidence HTTP/1.1\r\n"
                  + "Host: localhost\r\nAuthorization: "
                  + basic(DemoUsers.clerkOf(TRANSPORT))
                  + "\r\n"
                  + "Content-Type: multipart/form-data; boundary="
                  + boundary
                  + "\r\n"
                  + "Content-Length: 50000000\r\n\r\n"
                  + head)
              .getBytes(StandardCharsets.UTF_8));
      out.write(new byte[2_000_000]);
      out.flush();
    } // closed halfway
    // once the server has seen the request through: it was not taken for a complete upload
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> uploadsAnswered(status -> true) > answeredBefore);
    assertThat(uploadsAnswered(status -> status.startsWith("2")))
        .as("uploads accepted")
        .isEqualTo(acceptedBefore);

    assertThat(evidenceRepository.stored(notice.noticeId(), TRANSPORT)).isEmpty();
    assertThat(storedFiles()).isEqualTo(filesBefore);
    assertThat(incomingFiles()).isZero();
  }

  @Test
  void concurrentUploadsFromSeveralUsers_areAllStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<String>> uploads = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] png = png(50_000 + i);
      contents.add(png);
      String user = i % 2 == 0 ? DemoUsers.clerkOf(TRANSPORT) : DemoUsers.headOf(TRANSPORT);
      String name = "照片" + i + ".png";
      uploads.add(() -> upload(user, name, png).body());
    }
    List<String> answers = new ArrayList<>();
    for (Future<String> f : pool.invokeAll(uploads)) {
      answers.add(f.get());
    }
    pool.shutdown();

    List<Evidence> stored = evidenceRepository.stored(notice.noticeId(), TRANSPORT);
    assertThat(stored).hasSize(8);
    assertThat(stored)
        .extracting(Evidence::sha256)
        .containsExactlyInAnyOrderElementsOf(
            contents.stream().map(EvidenceApiTest::sha256).toList());
    assertThat(stored)
        .extracting(Evidence::uploadedBy)
        .containsOnly(DemoUsers.clerkOf(TRANSPORT), DemoUsers.headOf(TRANSPORT));
    assertThat(answers).allMatch(a -> a.contains("\"kind\":\"image\""));
  }

  // --- helpers --------------------------------------------------------------------------------

  private HttpResponse<String> upload(String user, String fileName, byte[] bytes) throws Exception {
    return upload(
        user,
        "/api/notices/" + notice.noticeId() + "/departments/" + TRANSPORT + "/evidence",
        fileName,
        bytes);
  }

  /** A multipart upload as a browser sends it: the file name in raw UTF-8. */
  private HttpResponse<String> upload(String user, String path, String fileName, byte[] bytes)
      throws Exception {
    String boundary = "----noticeflow" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(bytes);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", basic(user))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> listAs(String user) throws Exception {
    return client.send(
        get("/api/notices/" + notice.noticeId() + "/departments/" + TRANSPORT + "/evidence", user),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(String id, String user) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/evidence/" + id))
            .header("Authorization", basic(user))
            .DELETE()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest get(String path, String user) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user))
        .GET()
        .build();
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** A PNG signature followed by random bytes: detected as image/png from its content. */
  static byte[] png(int size) {
    byte[] bytes = new byte[Math.max(size, 16)];
    new Random(size).nextBytes(bytes);
    byte[] signature = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Evidence uploads the server has finished answering (its own {@code http.server.requests} timer,
   * recorded as the request ends, whatever became of the client), by HTTP status.
   */
  private long uploadsAnswered(Predicate<String> status) {
    return meters.find("http.server.requests").tag("method", "POST").timers().stream()
        .filter(t -> String.valueOf(t.getId().getTag("uri")).endsWith("/evidence"))
        .filter(t -> status.test(String.valueOf(t.getId().getTag("status"))))
        .mapToLong(Timer::count)
        .sum();
  }

  private long storedFiles() throws IOException {
    Path root = Path.of(properties.store());
    try (Stream<Path> files = Files.walk(root)) {
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
