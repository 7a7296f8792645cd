package cn.datian.noticeflow.mail;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.operations.MailHealthIndicator;
import cn.datian.noticeflow.support.ProcessTestSupport;
import cn.datian.noticeflow.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.TestPropertySource;

/**
 * The SMTP server down for hours while the deadline watch goes on: reminders an hour and half an
 * hour before, escalation every 20 minutes, the engine clock moved minute by minute, the dispatcher
 * run each minute as a node's scheduler would. Then the server is back.
 */
@TestPropertySource(
    properties = {
      "noticeflow.deadlines.reminder-offsets=PT60M,PT30M",
      "noticeflow.deadlines.escalation-interval=PT20M"
    })
class MailOutageProcessTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";
  private static final String HEALTH = "health";

  @Autowired MailLog mailLog;
  @Autowired MailService mailService;
  @Autowired MailDispatcher dispatcher;
  @Autowired MailComposer composer;
  @Autowired MailProperties properties;
  @Autowired List<MailContent> contents;
  @Autowired ObjectProvider<JavaMailSender> mailSender;
  @Autowired MailHealthIndicator mailHealth;
  @Autowired MailBacklog backlog;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  /** The notice under test: the outbox is shared by the suite (see runJobsAndDispatch). */
  private String ownNotice;

  @Test
  void mailServerDownForHours_everyDueMessageArrivesOnce_trueOnArrival_levelsConsecutive()
      throws Exception {
    TestMailServer.purge();
    at("09:00");
    String title = "邮件中断 " + UUID.randomUUID();
    IssuedNotice notice =
        issueNotice(title, List.of(TRANSPORT, HEALTH), "2021-09-13T11:00:00+08:00", "2021-09-30");
    ownNotice = notice.noticeId();
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    runJobsAndDispatch();
    String transport = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    String health = responseOf(notice.processInstanceId(), HEALTH).getId();
    // acknowledgement due 11:00: reminders at 10:00 and 10:30, escalations at 11:00, 11:20, 11:40,
    // …
    assertThat(nextChase(transport)).isEqualTo("2021-09-13T10:00+08:00");

    TestMailServer.stop();
    try {
      for (OffsetDateTime t = time("09:01"); !t.isAfter(time("11:05")); t = t.plusMinutes(1)) {
        at(t);
        if (t.equals(time("10:45"))) {
          // health acknowledges: its two reminders, queued and waiting, are no longer true
          completeAs(
              DemoUsers.clerkOf(HEALTH),
              task(health, TASK_ACKNOWLEDGE_NOTICE),
              Map.of("contactName", "李联络"));
        }
        runJobsAndDispatch();
      }
      assertThat(mailHealth.health().getStatus()).isEqualTo(MailHealthIndicator.DEGRADED);
      assertThat(http.getForEntity("/actuator/health", String.class).getBody())
          .contains("\"DEGRADED\"");
      var readiness = http.getForEntity("/actuator/health/readiness", String.class);
      assertThat(readiness.getStatusCode().value()).as("SMTP never fails readiness").isEqualTo(200);
      assertThat(readiness.getBody()).contains("\"UP\"");
      // the board tells the office and supervisors
      // (the whole outbox counts: in the suite, earlier tests' mail waits in the same database)
      MailBacklog.Status stuck = backlog.status();
      assertThat(stuck.stuck()).isTrue();
      assertThat(mailLog.findAll(notice.noticeId()))
          .as("this notice's mail waiting: transport's two reminders and first escalation")
          .filteredOn(e -> e.state() == MailState.PENDING || e.state() == MailState.FAILED)
          .hasSize(3);
      assertThat(stuck.unsent()).isGreaterThanOrEqualTo(3);
      assertThat(
              http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
                  .getForEntity("/oversight", String.class)
                  .getBody())
          .contains("邮件发送受阻：" + stuck.unsent() + " 封待发，最早于 " + stuck.oldestSince());

      // the node is down from 11:05 to 11:50 (escalations fall due at 11:20 and 11:40): when it is
      // back, one escalation goes out at once, the second (not the fourth), then the rhythm resumes
      at(time("11:50"));
      runJobsAndDispatch();
      assertThat(escalationLevels(notice.noticeId())).containsExactly(1, 2);
      assertThat(nextChase(transport)).isEqualTo("2021-09-13T12:00+08:00");
      for (OffsetDateTime t = time("11:51"); !t.isAfter(time("12:05")); t = t.plusMinutes(1)) {
        at(t);
        runJobsAndDispatch();
      }

      List<MailLog.Entry> waiting = mailLog.findAll(notice.noticeId());
      assertThat(waiting)
          .filteredOn(e -> e.departmentId().equals(TRANSPORT))
          .hasSize(5)
          .allSatisfy(
              e -> {
                assertThat(e.state()).isEqualTo(MailState.FAILED);
                assertThat(e.lastError()).contains("Connection refused");
                assertThat(Duration.between(e.createdAt(), e.nextAttemptAt())).isPositive();
              });
      // back-off: 1, 2, 4, 8, 16, 30, 30 minutes — the 10:00 reminder was tried 7 times before the
      // node stopped
      // (transport's first: the two departments' watches fire in either order)
      MailLog.Entry first =
          waiting.stream()
              .filter(e -> e.departmentId().equals(TRANSPORT))
              .findFirst()
              .orElseThrow();
      assertThat(first.key()).startsWith("reminder:");
      assertThat(first.attempts()).isEqualTo(8);
      assertThat(waiting)
          .filteredOn(e -> e.departmentId().equals(HEALTH))
          .hasSize(2)
          .allSatisfy(
              e -> {
                assertThat(e.state()).isEqualTo(MailState.SKIPPED);
                assertThat(e.skipReason()).contains("签收通知");
              });
      assertThat(runtimeService.createIncidentQuery().count()).isZero();
      assertThat(nextChase(transport))
          .as("the watch goes on planning")
          .isEqualTo("2021-09-13T12:20+08:00");
    } finally {
      TestMailServer.ensureRunning();
    }

    // the server is back: each waiting message goes on its next attempt, and the watch goes on
    for (OffsetDateTime t = time("12:06"); !t.isAfter(time("12:35")); t = t.plusMinutes(1)) {
      at(t);
      runJobsAndDispatch();
    }
    List<MailLog.Entry> log = mailLog.findAll(notice.noticeId());
    List<MailLog.Entry> transportMail =
        log.stream().filter(e -> e.departmentId().equals(TRANSPORT)).toList();
    assertThat(transportMail).hasSize(6).allMatch(e -> e.state() == MailState.SENT);
    assertThat(escalationLevels(notice.noticeId())).containsExactly(1, 2, 3, 4);
    // true when it arrives: the reminders arrived after the deadline and say so
    assertThat(transportMail)
        .filteredOn(e -> e.kind() == MailKind.REMINDER)
        .hasSize(2)
        .allSatisfy(
            e -> {
              assertThat(e.text()).contains("已逾期").doesNotContain("距今还有", "0分钟");
              assertThat(e.subject()).contains("已于2021-09-13 11:00到期");
            });
    MailLog.Entry firstEscalation =
        transportMail.stream()
            .filter(e -> e.key().endsWith(":1") && e.kind() == MailKind.ESCALATION)
            .findFirst()
            .orElseThrow();
    assertThat(firstEscalation.sentAt().toInstant()).isAfter(time("12:05").toInstant());
    assertThat(firstEscalation.text()).contains("已逾期1小时", "截至2021-09-13 12:").doesNotContain("0分钟");

    Map<String, Integer> copies = new HashMap<>();
    Map<String, Integer> recipients = new HashMap<>();
    for (MimeMessage m : TestMailServer.received()) {
      if (m.getSubject().contains(title)) {
        copies.merge(m.getMessageID(), 1, Integer::sum);
        recipients.put(m.getMessageID(), m.getAllRecipients().length);
      }
    }
    assertThat(copies.keySet())
        .as("every due message arrived, none of the skipped")
        .containsExactlyInAnyOrderElementsOf(
            transportMail.stream().map(MailLog.Entry::messageId).toList());
    assertThat(copies).as("each once (one copy per recipient)").isEqualTo(recipients);
    assertThat(runtimeService.createIncidentQuery().count()).isZero();
    assertThat(nextChase(transport)).isEqualTo("2021-09-13T12:40+08:00");
    assertThat(mailHealth.health().getStatus()).isEqualTo(Status.UP);
    assertThat(http.getForEntity("/actuator/health", String.class).getBody()).contains("\"UP\"");
  }

  @Test
  void twoDispatchersOnOneDatabase_sendEachMessageOnce() throws Exception {
    TestMailServer.purge();
    String title = "竞争发送 " + UUID.randomUUID();
    int count = 300;
    for (int i = 0; i < count; i++) {
      mailService.enqueue(
          new MailMessage(
              "race:" + title + ":" + i,
              MailKind.URGE,
              "race-notice",
              TRANSPORT,
              List.of("d%03d@race.example.cn".formatted(i)),
              Map.of(
                  "noticeTitle",
                  title,
                  "departmentName",
                  "县交通局",
                  "message",
                  "第" + i + "封",
                  "urgedBy",
                  "办公室经办人",
                  "dueText",
                  "",
                  "taskNames",
                  "",
                  "taskLink",
                  "")));
    }
    // another node: its own dispatcher on the same database (batches of 50, two threads each)
    MailDispatcher other = new MailDispatcher(mailLog, composer, properties, mailSender, contents);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Future<MailDispatcher.Run>> runs = new ArrayList<>();
    for (MailDispatcher node : List.of(dispatcher, other)) {
      runs.add(
          nodes.submit(
              () -> {
                start.await();
                return node.dispatchDue(2);
              }));
    }
    start.countDown();
    int sent = 0;
    for (Future<MailDispatcher.Run> run : runs) {
      sent += run.get().sent();
    }
    nodes.shutdown();

    assertThat(sent).isGreaterThanOrEqualTo(count);
    List<MailLog.Entry> rows = mailLog.findByKeyPrefix("race:" + title + ":");
    assertThat(rows)
        .hasSize(count)
        .allSatisfy(
            e -> {
              assertThat(e.state()).isEqualTo(MailState.SENT);
              assertThat(e.attempts()).isEqualTo(1);
            });
    Map<String, Integer> copies = new HashMap<>();
    for (MimeMessage m : TestMailServer.received()) {
      if (m.getSubject().contains(title)) {
        copies.merge(m.getMessageID(), 1, Integer::sum);
      }
    }
    assertThat(copies).hasSize(count).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
  }

  // --- helpers --------------------------------------------------------------------------------

  private void runJobsAndDispatch() {
    executeJobs();
    if (ownNotice != null) {
      // One outbox for the whole suite: earlier tests' watches, moved along by this test's clock,
      // queue mail too, and while SMTP is down the dispatcher tries one batch, oldest first. Their
      // mail is set aside so this notice's back-off is what the assertions see.
      jdbc.sql(
              "update mail_log set state = 'SKIPPED', skip_reason = '其他测试的邮件' "
                  + "where notice_id <> :n and state in ('PENDING', 'FAILED')")
          .param("n", ownNotice)
          .update();
    }
    dispatcher.dispatchDue();
  }

  private List<Integer> escalationLevels(String noticeId) {
    return mailLog.findAll(noticeId).stream()
        .filter(e -> e.kind() == MailKind.ESCALATION)
        .map(e -> Integer.parseInt(e.key().substring(e.key().lastIndexOf(':') + 1)))
        .toList();
  }

  private static OffsetDateTime time(String hhmm) {
    return OffsetDateTime.parse("2021-09-13T" + hhmm + ":00+08:00");
  }

  private static void at(String hhmm) {
    at(time(hhmm));
  }

  private static void at(OffsetDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.toInstant()));
  }

  private String nextChase(String response) {
    Job job =
        managementService.createJobQuery().processInstanceId(response).timers().singleResult();
    assertThat(job).as("a chase timer").isNotNull();
    return job.getDuedate().toInstant().atOffset(java.time.ZoneOffset.ofHours(8)).toString();
  }
}
