package cn.datian.noticeflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.GeneratedVideo;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A 1 GiB video upload in a JVM whose heap is capped at 256 MB (its own surefire run, see the pom):
 * it can only pass if the bytes stream from the socket to the store. Prints its figures.
 */
@Tag("large-upload")
class LargeUploadTest extends ProcessTestSupport {

  private static final long SIZE = 1L << 30; // 1 GiB

  @LocalServerPort int port;
  @Autowired ContentStore store;
  @Autowired ObjectMapper objectMapper;

  @Test
  void oneGibibyteVideo_streamsThroughA256MbHeap() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertThat(maxHeap).as("this test runs with -Xmx256m").isLessThanOrEqualTo(256L * 1024 * 1024);

    IssuedNotice notice = publishNotice("大文件上传", List.of("transport"));
    String response = responseOf(notice.processInstanceId(), "transport").getId();
    acknowledge(response, "transport");
    recordActivities(response, "transport", "运输服务质量提升行动");

    String boundary = "----noticeflow-large";
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"活动视频.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    GeneratedVideo video = new GeneratedVideo(SIZE);
    InputStream body =
        new SequenceInputStream(
            java.util.Collections.enumeration(
                List.of(new ByteArrayInputStream(head), video, new ByteArrayInputStream(tail))));

    long started = System.nanoTime();
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://localhost:"
                                + port
                                + "/api/notices/"
                                + notice.noticeId()
                                + "/departments/transport/evidence"))
                    .header(
                        "Authorization",
                        "Basic "
                            + Base64.getEncoder()
                                .encodeToString(
                                    (DemoUsers.clerkOf("transport") + ":" + DemoUsers.PASSWORD)
                                        .getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    JsonNode stored = objectMapper.readTree(answer.body()).get(0);
    assertThat(stored.get("size").asLong()).isEqualTo(SIZE);
    assertThat(stored.get("kind").asText()).isEqualTo("video");
    assertThat(stored.get("sha256").asText()).isEqualTo(video.sha256());
    long peakHeap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        "LARGE UPLOAD: %d MiB in %.1f s (%.0f MiB/s), max heap %d MiB, peak heap pools %d MiB%n",
        SIZE >> 20, seconds, (SIZE >> 20) / seconds, maxHeap >> 20, peakHeap >> 20);

    Files.deleteIfExists(store.pathOf(stored.get("id").asText()));
  }
}
