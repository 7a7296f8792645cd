package cn.datian.noticeflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
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
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A 1 GiB video upload in a JVM whose heap is capped at 256 MB (its own surefire run, see the
 * pom): it can only pass if the bytes stream from the socket to the store. Prints its figures.
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
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"活动视频.mp4\"\r\n"
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
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/notices/" + notice.noticeId()
                        + "/departments/transport/evidence"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (DemoUsers.clerkOf("transport") + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
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

  /** An MP4 header ("ftyp") and then pseudo-random bytes, hashed as they are read. */
  static final class GeneratedVideo extends InputStream {
    private final long size;
    private final Random random = new Random(42);
    private final MessageDigest digest;
    private final byte[] chunk = new byte[64 * 1024];
    private long position;
    private int chunkPos = chunk.length;

    GeneratedVideo(long size) throws Exception {
      this.size = size;
      this.digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      if (chunkPos == chunk.length) {
        random.nextBytes(chunk);
        if (position == 0) {
          byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2', 0, 0, 0, 0, 'm', 'p', '4', '2', 'i', 's', 'o', 'm'};
          System.arraycopy(ftyp, 0, chunk, 0, ftyp.length);
        }
        chunkPos = 0;
      }
      int n = (int) Math.min(Math.min(len, chunk.length - chunkPos), size - position);
      System.arraycopy(chunk, chunkPos, b, off, n);
      digest.update(chunk, chunkPos, n);
      chunkPos += n;
      position += n;
      return n;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }

}
