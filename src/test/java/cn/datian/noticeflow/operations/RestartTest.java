package cn.datian.noticeflow.operations;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.NoticeflowApplication;
import cn.datian.noticeflow.evidence.Evidence;
import cn.datian.noticeflow.evidence.EvidenceService;
import cn.datian.noticeflow.identity.CurrentUser;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.mail.MailMessage;
import cn.datian.noticeflow.mail.MailService;
import cn.datian.noticeflow.notice.NoticeInput;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeState;
import cn.datian.noticeflow.support.EmbeddedPostgresDatabase;
import cn.datian.noticeflow.support.TestMailServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The system stopped in the middle of a notice and started again, on the H2 file database and on
 * PostgreSQL: every task, due date, timer, evidence file and mail-log row is still there, and the
 * lifecycle completes. Runs in a JVM of its own (one engine at a time).
 */
@Tag("restart")
class RestartTest {

  private static final byte[] PDF =
      "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void survivesARestart_onTheH2FileDatabase() throws Exception {
    Path dir = Path.of("target/restart-h2");
    FileSystemUtils.deleteRecursively(dir);
    survivesARestart(
        Map.of(
            "spring.datasource.url", "jdbc:h2:file:./" + dir + "/noticeflow;DB_CLOSE_ON_EXIT=FALSE",
            "noticeflow.evidence.store", dir + "/evidence"));
  }

  @Test
  void survivesARestart_onPostgres() throws Exception {
    Path dir = Path.of("target/restart-postgres");
    FileSystemUtils.deleteRecursively(dir);
    var postgres = EmbeddedPostgresDatabase.instance();
    survivesARestart(
        Map.of(
            "spring.datasource.url",
            postgres.getJdbcUrl("postgres", "postgres"),
            "spring.datasource.username",
            "postgres",
            "spring.datasource.password",
            "postgres",
            "noticeflow.evidence.store",
            dir + "/evidence"));
  }

  private void survivesARestart(Map<String, Object> database) throws Exception {
    TestMailServer.ensureRunning();
    String noticeId;
    String response;
    Map<String, String> dueDates;
    Set<String> timers;
    Evidence evidence;
    List<String> mail;

    // first run: the notice gets half way
    try (ConfigurableApplicationContext app = start(database)) {
      NoticeService notices = app.getBean(NoticeService.class);
      LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
      IssuedNotice issued =
          notices.issue(
              new NoticeInput(
                  "重启测试",
                  null,
                  "办公室",
                  null,
                  "正文",
                  today.plusDays(20).toString(),
                  today.plusDays(3).toString(),
                  List.of("transport", "health")),
              DemoUsers.OFFICE_CLERK,
              List.of("office"));
      noticeId = issued.noticeId();
      complete(
          app,
          task(app, issued.processInstanceId(), TASK_SIGN_OFF_NOTICE),
          DemoUsers.OFFICE_HEAD,
          Map.of("signOffDecision", "approve"));
      executeJobs(app);
      response = responseOf(app, issued.processInstanceId(), "transport");
      complete(
          app,
          task(app, response, TASK_ACKNOWLEDGE_NOTICE),
          DemoUsers.clerkOf("transport"),
          Map.of("contactName", "张联络"));
      executeJobs(app);
      complete(
          app,
          task(app, response, TASK_RECORD_ACTIVITIES),
          DemoUsers.clerkOf("transport"),
          Map.of(
              "activities",
              SpinValues.jsonValue(
                      "[{\"activityDate\":\""
                          + today
                          + "\",\"title\":\"宣传\",\"kind\":\"publicity\"}]")
                  .create()));
      evidence =
          app.getBean(EvidenceService.class)
              .upload(
                  noticeId,
                  "transport",
                  "总结.pdf",
                  new ByteArrayInputStream(PDF),
                  new CurrentUser(DemoUsers.clerkOf("transport"), Set.of("transport")));
      app.getBean(MailService.class)
          .enqueue(
              new MailMessage(
                  "restart-test:" + noticeId,
                  MailKind.URGE,
                  noticeId,
                  "transport",
                  List.of("transport@datian.example.cn"),
                  urgeModel()));

      dueDates =
          openTasks(app).stream()
              .collect(Collectors.toMap(Task::getId, t -> String.valueOf(t.getDueDate())));
      timers = timerDueDates(app);
      mail = app.getBean(MailLog.class).findAll(noticeId).stream().map(MailLog.Entry::key).toList();
      assertThat(dueDates).isNotEmpty();
      assertThat(timers).isNotEmpty();
    }

    // second run: everything is where it was, and the notice goes on to closure
    try (ConfigurableApplicationContext app = start(database)) {
      assertThat(
              openTasks(app).stream()
                  .collect(Collectors.toMap(Task::getId, t -> String.valueOf(t.getDueDate()))))
          .isEqualTo(dueDates);
      assertThat(timerDueDates(app)).isEqualTo(timers);
      assertThat(app.getBean(MailLog.class).findAll(noticeId))
          .extracting(MailLog.Entry::key)
          .isEqualTo(mail);
      EvidenceService evidenceService = app.getBean(EvidenceService.class);
      Evidence again =
          evidenceService.find(
              evidence.id(), new CurrentUser(DemoUsers.SUPERVISOR, Set.of("supervisors")));
      try (InputStream in = evidenceService.open(again)) {
        assertThat(
                HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
            .isEqualTo(evidence.sha256());
      }

      String lifecycle =
          app.getBean(NoticeRepository.class).find(noticeId).orElseThrow().processInstanceId();
      complete(
          app,
          task(app, response, TASK_UPLOAD_EVIDENCE),
          DemoUsers.clerkOf("transport"),
          Map.of("summaryText", "总结"));
      complete(
          app,
          task(app, response, TASK_SIGN_OFF_SUMMARY),
          DemoUsers.headOf("transport"),
          Map.of("headDecision", "approve"));
      complete(
          app,
          task(app, response, TASK_REVIEW_SUMMARY),
          DemoUsers.OFFICE_CLERK,
          Map.of("reviewDecision", "accept"));
      String health = responseOf(app, lifecycle, "health");
      complete(
          app,
          task(app, health, TASK_ACKNOWLEDGE_NOTICE),
          DemoUsers.clerkOf("health"),
          Map.of("contactName", "李"));
      executeJobs(app);
      complete(
          app,
          task(app, health, TASK_RECORD_ACTIVITIES),
          DemoUsers.clerkOf("health"),
          Map.of(
              "activities",
              SpinValues.jsonValue(
                      "[{\"activityDate\":\""
                          + LocalDate.now(ZoneId.of("Asia/Shanghai"))
                          + "\",\"title\":\"宣传\",\"kind\":\"publicity\"}]")
                  .create()));
      evidenceService.upload(
          noticeId,
          "health",
          "总结.pdf",
          new ByteArrayInputStream(PDF),
          new CurrentUser(DemoUsers.clerkOf("health"), Set.of("health")));
      complete(
          app,
          task(app, health, TASK_UPLOAD_EVIDENCE),
          DemoUsers.clerkOf("health"),
          Map.of("summaryText", "总结"));
      complete(
          app,
          task(app, health, TASK_SIGN_OFF_SUMMARY),
          DemoUsers.headOf("health"),
          Map.of("headDecision", "approve"));
      complete(
          app,
          task(app, health, TASK_REVIEW_SUMMARY),
          DemoUsers.OFFICE_CLERK,
          Map.of("reviewDecision", "accept"));
      executeJobs(app);
      complete(
          app,
          task(app, lifecycle, TASK_CONSOLIDATE_REPORT),
          DemoUsers.OFFICE_CLERK,
          Map.of("consolidatedSummary", "两个单位均已完成。"));
      complete(
          app,
          task(app, lifecycle, TASK_SIGN_OFF_CONSOLIDATION),
          DemoUsers.OFFICE_HEAD,
          Map.of("consolidationDecision", "approve"));
      assertThat(app.getBean(NoticeRepository.class).find(noticeId).orElseThrow().state())
          .isEqualTo(NoticeState.CLOSED);
    }
  }

  /** Starts the application as its own command line would, database settings first. */
  private static ConfigurableApplicationContext start(Map<String, Object> database) {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put("server.port", "0");
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(NoticeflowApplication.class).profiles("test").run(args);
  }

  private static Map<String, Object> urgeModel() {
    return Map.of(
        "noticeTitle",
        "重启测试",
        "departmentName",
        "县交通局",
        "message",
        "请抓紧",
        "urgedBy",
        "office-clerk",
        "dueText",
        "",
        "taskNames",
        "",
        "taskLink",
        "http://localhost:8080/camunda/app/tasklist/");
  }

  private static List<Task> openTasks(ConfigurableApplicationContext app) {
    return app.getBean(TaskService.class).createTaskQuery().list();
  }

  private static Set<String> timerDueDates(ConfigurableApplicationContext app) {
    return app.getBean(ManagementService.class).createJobQuery().timers().list().stream()
        .map(j -> j.getId() + "@" + j.getDuedate())
        .collect(Collectors.toSet());
  }

  private static Task task(
      ConfigurableApplicationContext app, String processInstanceId, String key) {
    Task task =
        app.getBean(TaskService.class)
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(key)
            .singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  /** A notice's response for one department: by notice (business key) and department. */
  private static String responseOf(
      ConfigurableApplicationContext app, String lifecycle, String departmentId) {
    String noticeId =
        app.getBean(RuntimeService.class)
            .createProcessInstanceQuery()
            .processInstanceId(lifecycle)
            .singleResult()
            .getBusinessKey();
    return app.getBean(RuntimeService.class)
        .createProcessInstanceQuery()
        .processDefinitionKey("department-response")
        .processInstanceBusinessKey(noticeId)
        .variableValueEquals("departmentId", departmentId)
        .singleResult()
        .getId();
  }

  private static void complete(
      ConfigurableApplicationContext app, Task task, String user, Map<String, Object> variables) {
    IdentityService identity = app.getBean(IdentityService.class);
    List<String> groups =
        identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      app.getBean(TaskService.class).claim(task.getId(), user);
      app.getBean(TaskService.class).complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  private static void executeJobs(ConfigurableApplicationContext app) {
    ManagementService management = app.getBean(ManagementService.class);
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = management.createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }
}
