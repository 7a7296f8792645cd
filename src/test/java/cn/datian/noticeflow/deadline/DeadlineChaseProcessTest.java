package cn.datian.noticeflow.deadline;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DECIDE_EXTENSION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SUPERVISE_DEPARTMENT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailDispatcher;
import cn.datian.noticeflow.mail.MailKind;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.mail.MailState;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import cn.datian.noticeflow.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The deadline watch on the seed notice's own dates (summaries due 2021-09-30, acknowledgement by
 * 2021-09-15), the engine clock moved from timer to timer, the mail read back from GreenMail.
 */
class DeadlineChaseProcessTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";

  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;
  @Autowired MailLog mailLog;
  @Autowired MailDispatcher dispatcher;

  @BeforeEach
  void startOn13September2021() throws Exception {
    TestMailServer.purge();
    at("2021-09-13T09:00:00+08:00");
  }

  @Test
  void remindsBeforeEachDeadline_escalatesOnceOverdue_andStopsWhenTheDepartmentDelivers()
      throws Exception {
    IssuedNotice notice =
        issueNotice("截止提醒（2021质量月）", List.of(TRANSPORT, "enterprises"), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    String enterprises = responseOf(notice.processInstanceId(), "enterprises").getId();

    // the enterprise declines at once: it is never chased
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    assertThat(instance(enterprises)).isNull();

    // acknowledgement by 15 Sep (Wed): 3 working days before was 10 Sep, already past; 1 before is
    // 14 Sep 09:00
    assertThat(nextChase(response)).isEqualTo("2021-09-14T09:00+08:00");
    fireNextChase(response);
    assertThat(subjectsOfMail())
        .singleElement()
        .asString()
        .contains("【提醒】县交通局", "签收通知", "将于2021-09-15 23:59到期");
    assertThat(recipientsOfLastMail())
        .contains("transport-clerk@datian.example.cn", "transport@datian.example.cn");
    assertThat(textOfLastMail())
        .contains("距今还有1个工作日", "截至2021-09-14 09:00", "/camunda/app/tasklist/default/#/?task=");

    // acknowledged: the watch moves to the summary deadline, 3 and 1 working days before 30 Sep
    at("2021-09-14T10:00:00+08:00");
    completeAs(
        DemoUsers.clerkOf(TRANSPORT),
        task(response, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("contactName", "张联络"));
    executeJobs();
    assertThat(nextChase(response)).isEqualTo("2021-09-27T09:00+08:00");
    fireNextChase(response);
    assertThat(nextChase(response)).isEqualTo("2021-09-29T09:00+08:00");
    fireNextChase(response);
    assertThat(nextChase(response)).isEqualTo("2021-09-30T23:59:59+08:00");
    assertThat(subjectsOfMail()).hasSize(3).allMatch(s -> s.startsWith("【提醒】"));

    // overdue: the leading group and supervisors are told, the office gets one 督办 task
    fireNextChase(response);
    assertThat(subjectsOfMail()).hasSize(4).last().asString().startsWith("【督办·第1次】县交通局");
    assertThat(recipientsOfLastMail())
        .contains("leader@datian.example.cn", "supervisor@datian.example.cn");
    // the leading group and supervisors see the department on the board; they have no task of its
    assertThat(textOfLastMail())
        .contains(
            "已逾期不足1分钟",
            "http://localhost:8080/oversight/notices/"
                + notice.noticeId()
                + "/departments/transport")
        .doesNotContain("0分钟", "tasklist");
    Task supervise = superviseTask(notice.noticeId());
    assertThat(supervise.getName()).isEqualTo("督办逾期部门");
    // next: the next working day after 30 Sep is 8 Oct (国庆节 1-7 Oct)
    assertThat(nextChase(response)).isEqualTo("2021-10-08T23:59:59+08:00");
    fireNextChase(response);
    assertThat(subjectsOfMail()).hasSize(5).last().asString().startsWith("【督办·第2次】");
    assertThat(superviseTask(notice.noticeId()).getId()).isEqualTo(supervise.getId());
    assertThat(runtimeService.getVariable(supervise.getProcessInstanceId(), "escalationLevel"))
        .isEqualTo(2);

    // the office records what it did; a later escalation would open a new 督办 task
    assertThatThrownBy(() -> completeAs(DemoUsers.OFFICE_CLERK, supervise, Map.of()))
        .hasMessage("请填写督办情况");
    completeAs(DemoUsers.OFFICE_CLERK, supervise, Map.of("supervisionNote", "已电话督促，承诺10月9日报送"));
    assertThat(superviseTask(notice.noticeId())).isNull();

    // the department delivers: the chase stops
    at("2021-10-09T10:00:00+08:00");
    recordActivities(response, TRANSPORT, "运输服务质量提升行动");
    submitSummary(response, TRANSPORT, "总结");
    completeAs(
        DemoUsers.headOf(TRANSPORT),
        task(response, TASK_SIGN_OFF_SUMMARY),
        Map.of("headDecision", "approve"));
    fireNextChase(response);
    assertThat(nextChaseJob(response)).isNull();
    assertThat(response).isNotNull();
    assertThat(
            processEngine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(response)
                .singleResult())
        .isNotNull();
    assertThat(subjectsOfMail()).hasSize(5);

    // every message once, sent, under its own deterministic Message-ID; none for the enterprise
    List<MailLog.Entry> log = mailLog.findAll(notice.noticeId());
    assertThat(log).hasSize(5).allMatch(e -> e.state() == MailState.SENT);
    assertThat(log).extracting(MailLog.Entry::departmentId).containsOnly(TRANSPORT);
    assertThat(log)
        .extracting(MailLog.Entry::kind)
        .containsExactly(
            MailKind.REMINDER,
            MailKind.REMINDER,
            MailKind.REMINDER,
            MailKind.ESCALATION,
            MailKind.ESCALATION);
    assertThat(receivedMessageIds())
        .containsExactlyInAnyOrderElementsOf(log.stream().map(MailLog.Entry::messageId).toList());
    assertEachDeliveredOnce();
    assertThat(notices.steps(notice.noticeId()))
        .extracting(s -> s.step())
        .filteredOn(s -> s == StepKind.REMINDED || s == StepKind.ESCALATED)
        .containsExactly(
            StepKind.REMINDED,
            StepKind.REMINDED,
            StepKind.REMINDED,
            StepKind.ESCALATED,
            StepKind.ESCALATED);

    // a returned summary is owed again: the chase resumes (escalation, as it is overdue)
    at("2021-10-11T10:00:00+08:00");
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(response, TASK_REVIEW_SUMMARY),
        Map.of("reviewDecision", "return", "reviewComment", "请补充图片"));
    executeJobs();
    assertThat(nextChaseJob(response)).isNotNull();
  }

  @Test
  void mailServerDown_theUrgeWaitsInTheOutbox_withBackOff_andGoesOutOnceWhenItIsBack()
      throws Exception {
    IssuedNotice notice = issueNotice("邮件服务器故障", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();

    TestMailServer.stop();
    try {
      var urged =
          http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
              .postForEntity(
                  "/api/notices/" + notice.noticeId() + "/departments/" + TRANSPORT + "/urge",
                  Map.of("message", "请于明日前签收"),
                  String.class);
      assertThat(urged.getStatusCode().value()).isEqualTo(202);
      executeJobs(); // the watch replans and the dispatcher tries: no job is about mail, none fails
      assertThat(managementService.createJobQuery().processInstanceId(response).messages().count())
          .isZero();
      MailLog.Entry failed = mailLog.findAll(notice.noticeId()).get(0);
      assertThat(failed.state()).isEqualTo(MailState.FAILED);
      assertThat(failed.attempts()).isEqualTo(1);
      assertThat(failed.lastError()).contains("Couldn't connect");
      // back-off: the next attempt one minute later, then two
      assertThat(failed.nextAttemptAt()).isEqualTo(failed.createdAt().plusMinutes(1));
      assertThat(dispatcher.dispatchDue().handled()).as("not due before its back-off").isZero();
      ClockUtil.setCurrentTime(Date.from(failed.nextAttemptAt().toInstant()));
      assertThat(dispatcher.dispatchDue().failed()).isEqualTo(1);
      MailLog.Entry again = mailLog.findAll(notice.noticeId()).get(0);
      assertThat(again.attempts()).isEqualTo(2);
      assertThat(again.nextAttemptAt()).isEqualTo(failed.nextAttemptAt().plusMinutes(2));
      assertThat(runtimeService.createIncidentQuery().processInstanceId(response).count()).isZero();
      assertThat(nextChaseJob(response)).as("the watch goes on planning").isNotNull();
    } finally {
      TestMailServer.ensureRunning();
    }

    // the mail server is back: the next attempt delivers, once
    ClockUtil.setCurrentTime(
        Date.from(mailLog.findAll(notice.noticeId()).get(0).nextAttemptAt().toInstant()));
    assertThat(dispatcher.dispatchDue().sent()).isGreaterThanOrEqualTo(1);
    MailLog.Entry sent = mailLog.findAll(notice.noticeId()).get(0);
    assertThat(sent.state()).isEqualTo(MailState.SENT);
    assertThat(sent.attempts()).isEqualTo(3);
    assertThat(subjectsOfMail()).singleElement().asString().startsWith("【催办】县交通局");
    // the urge names its sender as people know them, and the office
    assertThat(sent.text()).contains("领导小组办公室（办公室经办人）").doesNotContain("office-clerk");
    // a dispatcher run again (another node) sends nothing twice
    assertThat(dispatcher.dispatchDue().sent()).isZero();
    assertThat(receivedMessageIds()).containsExactly(sent.messageId());
    assertEachDeliveredOnce();
    assertThat(notices.steps(notice.noticeId()))
        .filteredOn(s -> s.step() == StepKind.URGED)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.userId()).isEqualTo(DemoUsers.OFFICE_CLERK);
              assertThat(s.comment()).isEqualTo("请于明日前签收");
            });
  }

  @Test
  void approvedExtension_movesDueDatesAndTimers() throws Exception {
    IssuedNotice notice = issueNotice("延期申请", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    completeAs(
        DemoUsers.clerkOf(TRANSPORT),
        task(response, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("contactName", "张联络"));
    executeJobs();
    assertThat(nextChase(response)).isEqualTo("2021-09-27T09:00+08:00");

    // refused: not later than the current deadline; not the department's own user
    assertThat(
            requestExtension(notice, DemoUsers.clerkOf(TRANSPORT), "2021-09-20")
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(
            requestExtension(notice, DemoUsers.clerkOf("health"), "2021-10-15")
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(
            requestExtension(notice, DemoUsers.clerkOf(TRANSPORT), "2021-10-15")
                .getStatusCode()
                .value())
        .isEqualTo(202);
    assertThat(
            requestExtension(notice, DemoUsers.clerkOf(TRANSPORT), "2021-10-20")
                .getStatusCode()
                .value())
        .as("one request at a time")
        .isEqualTo(409);

    Task decide = task(response, TASK_DECIDE_EXTENSION);
    assertThat(decide).hasCandidateGroup("office-head");
    assertThatThrownBy(
            () -> completeAs(DemoUsers.OFFICE_HEAD, decide, Map.of("extensionDecision", "reject")))
        .hasMessage("不同意时请说明理由");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        decide,
        Map.of("extensionDecision", "approve", "extensionComment", "同意"));
    executeJobs();

    OffsetDateTime newDeadline = OffsetDateTime.parse("2021-10-15T23:59:59+08:00");
    assertThat(
            recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().dueAt().toInstant())
        .isEqualTo(newDeadline.toInstant());
    assertThat(task(response, TASK_RECORD_ACTIVITIES).getDueDate())
        .isEqualTo(Date.from(newDeadline.toInstant()));
    // 3 working days before Fri 15 Oct 2021 is Tue 12 Oct
    assertThat(nextChase(response)).isEqualTo("2021-10-12T09:00+08:00");
    assertThat(subjectsOfMail()).singleElement().asString().startsWith("【延期申请已批准】县交通局");
    assertThat(notices.steps(notice.noticeId()))
        .extracting(s -> s.step())
        .contains(StepKind.EXTENSION_REQUESTED, StepKind.EXTENSION_APPROVED);
    // the next tasks are due on the new deadline too
    recordActivities(response, TRANSPORT, "活动");
    assertThat(task(response, TASK_UPLOAD_EVIDENCE).getDueDate())
        .isEqualTo(Date.from(newDeadline.toInstant()));
  }

  @Test
  void aNoticesOwnReminderOffsets_replaceTheConfiguredOnes() {
    IssuedNotice notice =
        noticeService.issue(
            new cn.datian.noticeflow.notice.NoticeInput(
                "自定义提醒",
                null,
                "办公室",
                null,
                "正文",
                "2021-09-30",
                "2021-09-15",
                List.of(TRANSPORT),
                List.of("P5D", "PT2H")),
            DemoUsers.OFFICE_CLERK,
            List.of("office"));
    currentTitle = "自定义提醒";
    signOffAndFanOut(notice);
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    completeAs(
        DemoUsers.clerkOf(TRANSPORT),
        task(response, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("contactName", "张联络"));
    executeJobs();

    // 5 working days before Thu 30 Sep 2021: 29, 28, 27, Sunday 26 (国庆调休, a working day), 24
    assertThat(nextChase(response)).isEqualTo("2021-09-24T09:00+08:00");
    fireNextChase(response);
    assertThat(nextChase(response)).isEqualTo("2021-09-30T21:59:59+08:00");
  }

  @Test
  void rejectedExtension_leavesTheDeadline() throws Exception {
    IssuedNotice notice = issueNotice("延期不批", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String response = responseOf(notice.processInstanceId(), TRANSPORT).getId();
    completeAs(
        DemoUsers.clerkOf(TRANSPORT),
        task(response, TASK_ACKNOWLEDGE_NOTICE),
        Map.of("contactName", "张联络"));
    executeJobs();
    assertThat(
            requestExtension(notice, DemoUsers.headOf(TRANSPORT), "2021-10-15")
                .getStatusCode()
                .value())
        .isEqualTo(202);

    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(response, TASK_DECIDE_EXTENSION),
        Map.of("extensionDecision", "reject", "extensionComment", "时间充裕，请按期完成"));
    executeJobs();

    assertThat(recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().dueAt())
        .isNull();
    assertThat(nextChase(response)).isEqualTo("2021-09-27T09:00+08:00");
    assertThat(subjectsOfMail()).singleElement().asString().startsWith("【延期申请未批准】");
    assertThat(notices.steps(notice.noticeId()))
        .extracting(s -> s.step())
        .contains(StepKind.EXTENSION_REJECTED);
  }

  @Test
  void aNoticeWithoutAcknowledgementDate_givesThreeWorkingDays() {
    at("2021-09-16T10:00:00+08:00"); // Thursday; 18 Sep is a make-up working day, 19-21 Sep 中秋
    IssuedNotice notice = issueNotice("默认签收期限", List.of(TRANSPORT), null, "2021-09-30");
    assertThat(notices.find(notice.noticeId()).orElseThrow().acknowledgeBy())
        .isEqualTo(OffsetDateTime.parse("2021-09-22T23:59:59+08:00"));
  }

  @Test
  void urge_refusesBadInput() {
    IssuedNotice notice = issueNotice("催办校验", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String path = "/api/notices/" + notice.noticeId() + "/departments/";
    assertThat(urge(DemoUsers.OFFICE_CLERK, path + TRANSPORT + "/urge", "").getStatusCode().value())
        .isEqualTo(400);
    assertThat(
            urge(DemoUsers.clerkOf(TRANSPORT), path + TRANSPORT + "/urge", "x")
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(urge(DemoUsers.OFFICE_CLERK, path + "health/urge", "x").getStatusCode().value())
        .isEqualTo(404);
    assertThat(
            urge(DemoUsers.OFFICE_CLERK, "/api/notices/none/departments/transport/urge", "x")
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(mailLog.findAll(notice.noticeId())).isEmpty();
  }

  @Test
  void urgeFromTasklist_startFormSendsTheSameUrge_orRefusesOnTheForm() throws Exception {
    IssuedNotice notice = issueNotice("Tasklist催办", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);
    String startForm = "/engine-rest/process-definition/key/urge-department/submit-form";

    var refused =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .postForEntity(startForm, startVariables("Tasklist催办", "health", "请抓紧"), String.class);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("health");

    var started =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .postForEntity(
                startForm, startVariables("Tasklist催办", TRANSPORT, "请今日签收"), String.class);
    assertThat(started.getStatusCode().value()).isEqualTo(200);
    executeJobs();
    assertThat(subjectsOfMail()).singleElement().asString().startsWith("【催办】县交通局");
    assertThat(notices.steps(notice.noticeId()))
        .filteredOn(s -> s.step() == StepKind.URGED)
        .extracting(s -> s.userId() + ": " + s.comment())
        .containsExactly("office-clerk: 请今日签收");
    assertThat(mailLog.findAll(notice.noticeId()))
        .singleElement()
        .satisfies(m -> assertThat(m.text()).contains("办公室经办人"));

    // departments may not urge
    assertThat(
            http.withBasicAuth(DemoUsers.clerkOf(TRANSPORT), DemoUsers.PASSWORD)
                .postForEntity(
                    startForm, startVariables(notice.noticeId(), TRANSPORT, "x"), String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void urgeProcess_startedByTheOfficeInTheEngine_urgesTheDepartment() throws Exception {
    IssuedNotice notice = issueNotice("流程催办", List.of(TRANSPORT), "2021-09-15", "2021-09-30");
    signOffAndFanOut(notice);

    as(
        DemoUsers.OFFICE_CLERK,
        () ->
            runtimeService.startProcessInstanceByKey(
                "urge-department",
                Map.of(
                    "notice", notice.noticeId(), "departmentId", TRANSPORT, "message", "请今日签收")));
    executeJobs();

    assertThat(notices.steps(notice.noticeId()))
        .filteredOn(s -> s.step() == StepKind.URGED)
        .extracting(s -> s.userId() + ": " + s.comment())
        .containsExactly("office-clerk: 请今日签收");
    assertThat(subjectsOfMail()).singleElement().asString().startsWith("【催办】县交通局");
  }

  private static Map<String, Object> startVariables(
      String notice, String departmentId, String message) {
    return Map.of(
        "variables",
        Map.of(
            "notice", Map.of("value", notice),
            "departmentId", Map.of("value", departmentId),
            "message", Map.of("value", message)));
  }

  // --- helpers --------------------------------------------------------------------------------

  private String currentTitle;

  @Override
  protected IssuedNotice issueNotice(
      String title, List<String> recipients, String acknowledgeBy, String deadline) {
    currentTitle = title;
    return super.issueNotice(title, recipients, acknowledgeBy, deadline);
  }

  private void signOffAndFanOut(IssuedNotice notice) {
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }

  private Job nextChaseJob(String response) {
    return managementService.createJobQuery().processInstanceId(response).timers().singleResult();
  }

  private String nextChase(String response) {
    Job job = nextChaseJob(response);
    assertThat(job).as("a chase timer").isNotNull();
    return job.getDuedate().toInstant().atOffset(java.time.ZoneOffset.ofHours(8)).toString();
  }

  /** Moves the clock to the next chase and lets it run, mail delivery (the dispatcher) included. */
  private void fireNextChase(String response) {
    Job job = nextChaseJob(response);
    ClockUtil.setCurrentTime(job.getDuedate());
    managementService.executeJob(job.getId());
    executeJobs();
  }

  private Task superviseTask(String noticeId) {
    return taskService
        .createTaskQuery()
        .processInstanceBusinessKey(noticeId + ":" + TRANSPORT)
        .taskDefinitionKey(TASK_SUPERVISE_DEPARTMENT)
        .singleResult();
  }

  private List<String> subjectsOfMail() throws Exception {
    return received().stream()
        .map(
            m -> {
              try {
                return m.getSubject();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /**
   * This test's mail, one entry per message (GreenMail keeps a copy per recipient; other tests'
   * notices may send too, as the clock moves for every instance in the shared engine).
   */
  private List<MimeMessage> received() throws Exception {
    java.util.LinkedHashMap<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
    for (MimeMessage m : TestMailServer.received()) {
      if (currentTitle != null && m.getSubject().contains("《" + currentTitle + "》")) {
        byId.putIfAbsent(m.getMessageID(), m);
      }
    }
    return List.copyOf(byId.values());
  }

  /** GreenMail keeps a copy per recipient: once sent, a message has exactly that many copies. */
  private void assertEachDeliveredOnce() throws Exception {
    Map<String, Integer> copies = new java.util.HashMap<>();
    Map<String, Integer> recipients = new java.util.HashMap<>();
    for (MimeMessage m : TestMailServer.received()) {
      if (currentTitle != null && m.getSubject().contains("《" + currentTitle + "》")) {
        copies.merge(m.getMessageID(), 1, Integer::sum);
        recipients.put(m.getMessageID(), m.getAllRecipients().length);
      }
    }
    assertThat(copies).isNotEmpty().isEqualTo(recipients);
  }

  private List<String> receivedMessageIds() throws Exception {
    return received().stream()
        .map(
            m -> {
              try {
                return m.getMessageID();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .filter(Objects::nonNull)
        .toList();
  }

  private String textOfLastMail() throws Exception {
    List<MimeMessage> mails = received();
    return mailLog.findAll(currentNoticeId()).stream()
        .filter(
            e -> {
              try {
                return e.messageId().equals(mails.get(mails.size() - 1).getMessageID());
              } catch (Exception x) {
                throw new IllegalStateException(x);
              }
            })
        .findFirst()
        .orElseThrow()
        .text();
  }

  private String currentNoticeId() {
    return notices.findAll().stream()
        .filter(n -> n.title().equals(currentTitle))
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** Jobs, then the outbox: what the scheduler does on a node, here on the test's thread. */
  @Override
  protected void executeJobs() {
    super.executeJobs();
    dispatcher.dispatchDue();
  }

  private List<String> recipientsOfLastMail() throws Exception {
    List<MimeMessage> mails = received();
    MimeMessage last = mails.get(mails.size() - 1);
    return java.util.Arrays.stream(last.getAllRecipients()).map(Object::toString).toList();
  }

  private org.springframework.http.ResponseEntity<String> requestExtension(
      IssuedNotice notice, String user, String date) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(
            "/api/notices/"
                + notice.noticeId()
                + "/departments/"
                + TRANSPORT
                + "/extension-requests",
            Map.of("requestedDeadline", date, "reason", "活动因台风延期举行"),
            String.class);
  }

  private org.springframework.http.ResponseEntity<String> urge(
      String user, String path, String message) {
    return http.withBasicAuth(user, DemoUsers.PASSWORD)
        .postForEntity(path, Map.of("message", message), String.class);
  }
}
