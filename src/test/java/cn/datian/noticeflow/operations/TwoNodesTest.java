package cn.datian.noticeflow.operations;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import cn.datian.noticeflow.support.TestMailServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Two nodes, two processes, one PostgreSQL: both serve the API, departments finishing at the same
 * moment on different nodes lose nothing, every mail goes out once across both, and when one node
 * is killed (kill -9) the other takes over its jobs once their locks expire.
 */
@Tag("cluster")
class TwoNodesTest {

  private static final List<String> DEPARTMENTS =
      List.of("transport", "health", "commerce", "education");
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(Process::destroyForcibly);
  }

  @Test
  void twoNodesShareTheWork_andOneSurvivesTheOthersKill() throws Exception {
    TestMailServer.ensureRunning();
    TestMailServer.purge();
    FileSystemUtils.deleteRecursively(Path.of("target/cluster"));
    String db = EmbeddedPostgresDatabase.instance().getJdbcUrl("postgres", "postgres");
    int a = freePort();
    int b = freePort();
    // The first node creates the engine's schema; a second node starting on an empty database
    // at the same moment would race it (Camunda's schema creation is not cluster-safe).
    Process nodeA = start(a, db);
    waitFor("node A ready", 180, () -> ready(a));
    start(b, db);
    waitFor("node B ready", 180, () -> ready(b));

    // issued on A, signed off on B; both job executors fan out
    String notice = issue(a, "双节点", 60);
    String lifecycle =
        json.readTree(get(a, "/api/notices/" + notice, DemoUsers.SUPERVISOR))
            .get("processInstanceId")
            .asText();
    completeTask(
        b,
        task(b, lifecycle, TASK_SIGN_OFF_NOTICE, DemoUsers.OFFICE_HEAD),
        DemoUsers.OFFICE_HEAD,
        Map.of("signOffDecision", Map.of("value", "approve")));
    waitFor(
        "every department's acknowledgement task",
        90,
        () ->
            DEPARTMENTS.stream()
                .allMatch(d -> countTasks(a, notice, TASK_ACKNOWLEDGE_NOTICE, d) == 1));

    // the office urges every department, half through each node: mail goes out from either
    int n = 0;
    for (String d : DEPARTMENTS) {
      int port = n++ % 2 == 0 ? b : a;
      HttpResponse<String> urged =
          http.send(
              HttpRequest.newBuilder(
                      uri(port, "/api/notices/" + notice + "/departments/" + d + "/urge"))
                  .header("Authorization", basic(DemoUsers.OFFICE_CLERK))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"请尽快签收\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(urged.statusCode()).as(urged.body()).isEqualTo(202);
    }

    // each department works through to the office's review, alternating nodes
    int i = 0;
    for (String d : DEPARTMENTS) {
      int port = i++ % 2 == 0 ? a : b;
      String clerk = DemoUsers.clerkOf(d);
      completeTask(
          port,
          deptTask(port, notice, TASK_ACKNOWLEDGE_NOTICE, d, clerk),
          clerk,
          Map.of("contactName", Map.of("value", "联络员")));
      waitFor(
          d + " records activities",
          60,
          () -> countTasks(port, notice, TASK_RECORD_ACTIVITIES, d) == 1);
      completeTask(
          port,
          deptTask(port, notice, TASK_RECORD_ACTIVITIES, d, clerk),
          clerk,
          Map.of(
              "activities",
              Map.of(
                  "type",
                  "Json",
                  "value",
                  "[{\"activityDate\":\""
                      + OffsetDateTime.now(ZoneOffset.ofHours(8)).toLocalDate()
                      + "\",\"title\":\"宣传\",\"kind\":\"publicity\"}]")));
      uploadPdf(port, notice, d, clerk);
      completeTask(
          port,
          deptTask(port, notice, TASK_UPLOAD_EVIDENCE, d, clerk),
          clerk,
          Map.of("summaryText", Map.of("value", "总结")));
      String head = DemoUsers.headOf(d);
      completeTask(
          port,
          deptTask(port, notice, TASK_SIGN_OFF_SUMMARY, d, head),
          head,
          Map.of("headDecision", Map.of("value", "approve")));
    }

    // the office accepts all four at the same moment, on both nodes: no request fails
    List<String> reviews = new ArrayList<>();
    for (String d : DEPARTMENTS) {
      reviews.add(deptTask(a, notice, TASK_REVIEW_SUMMARY, d, DemoUsers.OFFICE_CLERK));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Integer>> accepts = new ArrayList<>();
    for (int k = 0; k < reviews.size(); k++) {
      int port = k % 2 == 0 ? a : b;
      String taskId = reviews.get(k);
      accepts.add(
          () ->
              submit(
                  port,
                  taskId,
                  DemoUsers.OFFICE_CLERK,
                  Map.of("reviewDecision", Map.of("value", "accept"))));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(accepts)) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(204);
    waitFor(
        "consolidation after all four",
        90,
        () -> countLifecycleTask(a, lifecycle, TASK_CONSOLIDATE_REPORT) == 1);
    JsonNode view = json.readTree(get(b, "/api/notices/" + notice, DemoUsers.SUPERVISOR));
    for (JsonNode r : view.get("recipients")) {
      assertThat(r.get("stage").asText()).as(r.get("departmentId").asText()).isEqualTo("accepted");
    }

    // every mail once across both nodes: the log and GreenMail agree, no message twice
    waitFor(
        "mail delivered",
        60,
        () ->
            mailStates(a, notice).stream()
                .noneMatch(s -> s.equalsIgnoreCase("pending") || s.equalsIgnoreCase("failed")));
    assertMailOnce(a, notice);

    // a second notice; node A is killed while the fan-out runs: B takes over its jobs
    String second = issue(b, "节点故障", 600);
    String secondLifecycle =
        json.readTree(get(b, "/api/notices/" + second, DemoUsers.SUPERVISOR))
            .get("processInstanceId")
            .asText();
    completeTask(
        b,
        task(b, secondLifecycle, TASK_SIGN_OFF_NOTICE, DemoUsers.OFFICE_HEAD),
        DemoUsers.OFFICE_HEAD,
        Map.of("signOffDecision", Map.of("value", "approve")));
    Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(nodeA.pid())}).waitFor();
    waitFor(
        "node B finishes the fan-out alone",
        120,
        () ->
            DEPARTMENTS.stream()
                .allMatch(d -> countTasks(b, second, TASK_ACKNOWLEDGE_NOTICE, d) == 1));
    assertThat(nodeA.isAlive()).isFalse();
  }

  private void assertMailOnce(int port, String notice) throws Exception {
    JsonNode log =
        json.readTree(get(port, "/api/notices/" + notice + "/mail", DemoUsers.SUPERVISOR));
    // GreenMail keeps one copy per envelope recipient: a message sent once has exactly as many
    // copies as it has recipients; sent twice, twice as many.
    Map<String, Integer> copies = new HashMap<>();
    Map<String, Integer> recipients = new HashMap<>();
    for (MimeMessage m : TestMailServer.received()) {
      if (m.getSubject().contains("《双节点》")) {
        copies.merge(m.getMessageID(), 1, Integer::sum);
        recipients.put(
            m.getMessageID(), m.getRecipients(jakarta.mail.Message.RecipientType.TO).length);
      }
    }
    System.out.printf(
        "TWO NODES: %d mails in the log, %d messages received%n", log.size(), copies.size());
    assertThat(log.size()).as("urges at least").isGreaterThanOrEqualTo(DEPARTMENTS.size());
    assertThat(copies).as("each message delivered once to each recipient").isEqualTo(recipients);
    Map<String, Integer> deliveries = copies;
    List<String> sentIds = new ArrayList<>();
    for (JsonNode entry : log) {
      if (entry.get("state").asText().equalsIgnoreCase("sent")) {
        sentIds.add(entry.get("messageId").asText());
      }
    }
    assertThat(deliveries.keySet().stream().sorted().toList())
        .isEqualTo(sentIds.stream().sorted().toList());
  }

  // --- the nodes --------------------------------------------------------------------------------

  private Process start(int port, String db) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "cn.datian.noticeflow.NoticeflowApplication",
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.mail.port=" + TestMailServer.PORT,
                "--spring.datasource.url=" + db,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.generic-properties.properties.job-executor-activate=true",
                "--camunda.bpm.job-execution.lock-time-in-millis=10000",
                "--camunda.bpm.job-execution.wait-time-in-millis=300",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--noticeflow.deadlines.reminder-offsets=PT40S",
                "--noticeflow.deadlines.escalation-interval=PT20S",
                "--noticeflow.evidence.store=target/cluster/evidence",
                // the outbox's dispatcher polls on both nodes, as in production (the test profile
                // has it off)
                "--noticeflow.mail.dispatcher.enabled=true",
                "--noticeflow.mail.dispatcher.poll-interval=PT1S"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(new File("target/cluster-node-" + port + ".log"))
            .start();
    nodes.add(process);
    return process;
  }

  /**
   * Refused connections while the node starts are expected: waitFor retries and reports the last.
   */
  private boolean ready(int port) throws Exception {
    return http.send(
                HttpRequest.newBuilder(uri(port, "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        == 200;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- calls as the users would make them --------------------------------------------------------

  private String issue(int port, String title, int acknowledgeInSeconds) throws Exception {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
    String body =
        json.writeValueAsString(
            Map.of(
                "title",
                title,
                "issuer",
                "办公室",
                "body",
                "正文",
                "acknowledgeBy",
                now.plusSeconds(acknowledgeInSeconds)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "deadline",
                now.plusMinutes(30).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "recipients",
                DEPARTMENTS));
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri(port, "/api/notices"))
                .header("Authorization", basic(DemoUsers.OFFICE_CLERK))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    return json.readTree(answer.body()).get("noticeId").asText();
  }

  private String task(int port, String processInstanceId, String key, String user)
      throws Exception {
    JsonNode tasks =
        json.readTree(
            get(
                port,
                "/engine-rest/task?processInstanceId="
                    + processInstanceId
                    + "&taskDefinitionKey="
                    + key,
                user));
    assertThat(tasks).as(key).hasSize(1);
    return tasks.get(0).get("id").asText();
  }

  private String deptTask(int port, String notice, String key, String department, String user)
      throws Exception {
    String[] id = new String[1];
    waitFor(
        key + " of " + department,
        60,
        () -> {
          JsonNode tasks =
              json.readTree(
                  get(
                      port,
                      "/engine-rest/task?processInstanceBusinessKey="
                          + notice
                          + "&taskDefinitionKey="
                          + key
                          + "&processVariables=departmentId_eq_"
                          + department,
                      user));
          if (tasks.size() == 1) {
            id[0] = tasks.get(0).get("id").asText();
            return true;
          }
          return false;
        });
    return id[0];
  }

  // These are read inside waitFor's conditions, some in streams: a failure is thrown unchecked
  // (getJson), and waitFor retries and reports it, never mistaking it for "not yet".

  private int countTasks(int port, String notice, String key, String department) {
    return getJson(
            port,
            "/engine-rest/task?processInstanceBusinessKey="
                + notice
                + "&taskDefinitionKey="
                + key
                + "&processVariables=departmentId_eq_"
                + department,
            DemoUsers.ADMIN)
        .size();
  }

  private int countLifecycleTask(int port, String lifecycle, String key) {
    return getJson(
            port,
            "/engine-rest/task?processInstanceId=" + lifecycle + "&taskDefinitionKey=" + key,
            DemoUsers.ADMIN)
        .size();
  }

  private List<String> mailStates(int port, String notice) {
    List<String> states = new ArrayList<>();
    getJson(port, "/api/notices/" + notice + "/mail", DemoUsers.SUPERVISOR)
        .forEach(m -> states.add(m.get("state").asText()));
    return states;
  }

  private void completeTask(int port, String taskId, String user, Map<String, Object> variables)
      throws Exception {
    http.send(
        HttpRequest.newBuilder(uri(port, "/engine-rest/task/" + taskId + "/claim"))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"" + user + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(submit(port, taskId, user, variables))
        .as("completing " + taskId + " as " + user)
        .isEqualTo(204);
  }

  private int submit(int port, String taskId, String user, Map<String, Object> variables)
      throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri(port, "/engine-rest/task/" + taskId + "/submit-form"))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("variables", variables))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 204) {
      System.out.println("SUBMIT " + answer.statusCode() + " " + answer.body());
    }
    return answer.statusCode();
  }

  private void uploadPdf(int port, String notice, String department, String user) throws Exception {
    String boundary = "----two-nodes";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"总结.pdf\"\r\n\r\n"
            + "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(
                    uri(
                        port,
                        "/api/notices/" + notice + "/departments/" + department + "/evidence"))
                .header("Authorization", basic(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private String get(int port, String path, String user) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri(port, path)).header("Authorization", basic(user)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body();
  }

  private JsonNode getJson(int port, String path, String user) {
    try {
      return json.readTree(get(port, path, user));
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: GET " + path, e);
    } catch (Exception e) {
      throw new IllegalStateException("GET " + path + " on port " + port + " failed: " + e, e);
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + DemoUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  @FunctionalInterface
  private interface Condition {
    boolean holds() throws Exception;
  }

  /**
   * Polls until the condition holds. A condition that throws counts as "not yet" (a node starting,
   * a node killed), but the failure is kept: a timeout names the last one and carries it as its
   * cause, so a real error is never hidden behind "timed out".
   */
  private static void waitFor(String what, int seconds, Condition condition)
      throws InterruptedException {
    long until = System.currentTimeMillis() + seconds * 1000L;
    Exception lastFailure = null;
    int failures = 0;
    while (System.currentTimeMillis() < until) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        lastFailure = e;
        failures++;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "timed out after "
            + seconds
            + " s waiting for "
            + what
            + (lastFailure == null
                ? ""
                : "; " + failures + " checks failed, the last with: " + lastFailure),
        lastFailure);
  }
}
