package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_DECLINED;
import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_NO_ANSWER;
import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_NO_ANSWER_AWAITED;
import static cn.datian.noticeflow.support.ProcessElements.GATEWAY_ANSWER_OVERDUE;
import static cn.datian.noticeflow.support.ProcessElements.GATEWAY_WAIT_FOR_ANSWER;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ANSWER_CHANGED;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ANSWER_DUE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.deadline.DeadlineChaseService;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.mail.MailLog;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.notice.NoticeStep;
import cn.datian.noticeflow.notice.StepKind;
import cn.datian.noticeflow.process.ProcessKeys;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The answer watch of department-response: an enterprise (voluntary) that neither opts in nor
 * declines by its answer deadline ends as 未回复 (EndEvent_NoAnswer) — a recorded step, never a
 * reminder, an escalation or a red light — and the notice goes on to consolidation without it. A
 * mandatory department never gets the answer timer.
 */
class NoAnswerProcessTest extends ProcessTestSupport {

  private static final String ENTERPRISES = "enterprises";
  private static final String TRANSPORT = "transport";
  private static final String ANSWER_DUE = INTERMEDIATE_CATCH_EVENT_ANSWER_DUE;

  @Autowired NoticeRepository notices;

  @Autowired ResponseRepository recipientRows;
  @Autowired MailLog mailLog;
  @Autowired DeadlineChaseService chase;
  @Autowired ChaseSignal chaseSignal;
  @Autowired JdbcTemplate jdbc;

  @Test
  void silentEnterprise_endsAsNoAnswer_andTheNoticeReachesConsolidation() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice notice = published("企业未回复即结束", List.of(TRANSPORT, ENTERPRISES));
    ProcessInstance enterprise = responseOf(notice.processInstanceId(), ENTERPRISES);
    ProcessInstance transport = responseOf(notice.processInstanceId(), TRANSPORT);

    // the enterprise waits for its answer until the answer deadline (the acknowledgement's)
    Job answerDue = answerTimer(enterprise.getId());
    assertThat(answerDue).isNotNull();
    assertThat(answerDue.getDuedate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2021-09-15T23:59:59+08:00").toInstant());
    assertThat(enterprise).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE, GATEWAY_WAIT_FOR_ANSWER);
    // a mandatory department never waits for an answer: it passed straight by, no timer
    assertThat(answerTimer(transport.getId())).isNull();
    assertThat(transport)
        .hasPassed(END_EVENT_NO_ANSWER_AWAITED)
        .hasNotPassed(GATEWAY_WAIT_FOR_ANSWER);

    // before the deadline nothing is due
    executeJobs();
    assertThat(enterprise).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);

    // the transport bureau does its work meanwhile
    driveToAcceptance(transport.getId(), TRANSPORT, "质量宣传进社区");

    at("2021-09-16T09:00:00+08:00");
    managementService.executeJob(answerTimer(enterprise.getId()).getId());
    executeJobs();

    assertThat(enterprise)
        .isEnded()
        .hasPassed(END_EVENT_NO_ANSWER)
        .hasNotPassed(TASK_RECORD_ACTIVITIES);
    assertThat(recipientRows.recipient(notice.noticeId(), ENTERPRISES).orElseThrow().stage())
        .isEqualTo(RecipientStage.NO_ANSWER);
    assertThat(RecipientStage.NO_ANSWER.isFinal()).isTrue();
    List<NoticeStep> steps =
        notices.steps(notice.noticeId()).stream()
            .filter(s -> ENTERPRISES.equals(s.departmentId()))
            .toList();
    assertThat(steps).extracting(NoticeStep::step).containsExactly(StepKind.NO_ANSWER);
    assertThat(steps.get(0).userId()).isNull();
    assertThat(steps.get(0).comment()).contains("2021-09-15", "自愿参加，不计逾期");
    // never chased: no mail, no 督办, nothing owed, not red
    assertThat(mailLog.findAll(notice.noticeId()))
        .noneMatch(m -> ENTERPRISES.equals(m.departmentId()));
    assertThat(
            runtimeService
                .createProcessInstanceQuery()
                .processDefinitionKey(ProcessKeys.SUPERVISE_DEPARTMENT)
                .processInstanceBusinessKey(notice.noticeId() + ":" + ENTERPRISES)
                .count())
        .isZero();
    assertThat(chase.obligationOf(notice.noticeId(), ENTERPRISES)).isEmpty();
    assertThat(light(notice, ENTERPRISES)).isEqualTo("silent");
    JsonNode view =
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/api/notices/" + notice.noticeId(), JsonNode.class);
    assertThat(view.toString()).contains("\"no_answer\"", "未回复");

    // every recipient is final: the lifecycle goes on to consolidation
    assertThat(instance(notice.processInstanceId())).isWaitingAt(TASK_CONSOLIDATE_REPORT);
    assertThat(
            (String)
                runtimeService.getVariable(notice.processInstanceId(), "consolidationOverview"))
        .contains("共 2 个接收单位，1 个总结已通过审核", "1 个企业未回复（自愿参加，不计逾期）");
    // both reports say 未回复 for it, never overdue
    assertThat(docxText("/api/notices/" + notice.noticeId() + "/reports/consolidated.docx"))
        .contains("1个自愿参加的单位未回复（不计逾期）", "未回复：截至", "结果：未回复（自愿参加单位）。");
    assertThat(docxText("/api/notices/" + notice.noticeId() + "/reports/status.docx"))
        .contains("未回复（自愿参加，不计逾期）1个", "其中企业（自愿参加）1个：参加 0、谢绝 0、未回复 1。", "已逾期0个");
  }

  private String docxText(String path) {
    byte[] docx =
        http.withBasicAuth(DemoUsers.OFFICE_CLERK, DemoUsers.PASSWORD)
            .getForObject(path, byte[].class);
    try (var doc =
        new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(docx))) {
      return new org.apache.poi.xwpf.extractor.XWPFWordExtractor(doc).getText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void anEnterpriseThatAnswers_stopsItsAnswerWatch() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice joining = published("企业报名后不再等待答复", List.of(ENTERPRISES));
    IssuedNotice declining = published("企业谢绝后不再等待答复", List.of(ENTERPRISES));
    ProcessInstance joins = responseOf(joining.processInstanceId(), ENTERPRISES);
    ProcessInstance declines = responseOf(declining.processInstanceId(), ENTERPRISES);

    completeAs(
        DemoUsers.clerkOf(ENTERPRISES),
        task(joins.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "participate", "contactName", "企业联络人"));
    completeAs(
        DemoUsers.clerkOf(ENTERPRISES),
        task(declines.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "本月订单多"));
    executeJobs();

    // the answer ended the watch (ResponseChanged): no answer timer is left to fire
    assertThat(answerTimer(joins.getId())).isNull();
    assertThat(joins)
        .hasPassed(INTERMEDIATE_CATCH_EVENT_ANSWER_CHANGED, END_EVENT_NO_ANSWER_AWAITED)
        .isWaitingAt(TASK_RECORD_ACTIVITIES);
    assertThat(declines).isEnded().hasPassed(END_EVENT_DECLINED).hasNotPassed(END_EVENT_NO_ANSWER);

    at("2021-09-16T09:00:00+08:00");
    executeJobs();
    assertThat(joins).isWaitingAt(TASK_RECORD_ACTIVITIES).hasNotPassed(END_EVENT_NO_ANSWER);
    assertThat(recipientRows.recipient(joining.noticeId(), ENTERPRISES).orElseThrow().stage())
        .isEqualTo(RecipientStage.EXECUTING);
  }

  @Test
  void aMovedAnswerDeadline_movesTheTimer() {
    at("2021-09-13T09:00:00+08:00");
    IssuedNotice notice = published("答复期限后移", List.of(ENTERPRISES));
    String response = responseOf(notice.processInstanceId(), ENTERPRISES).getId();
    Job first = answerTimer(response);

    // the deadline moves (as a correction of the record would) and the watch is told: it plans
    // afresh
    moveAnswerDeadline(notice, "2021-09-17T23:59:59+08:00");
    chaseSignal.responseChanged(response);
    Job moved =
        answerTimer(response); // a new timer, or the same one moved in place (deadline.ChaseSignal)
    assertThat(first.getDuedate().toInstant()).isNotEqualTo(moved.getDuedate().toInstant());
    assertThat(moved.getDuedate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2021-09-17T23:59:59+08:00").toInstant());
    assertThat(managementService.createJobQuery().processInstanceId(response).timers().count())
        .isOne();

    // moved again without a word to the watch: the old timer fires, finds the deadline ahead and
    // waits again
    moveAnswerDeadline(notice, "2021-09-22T23:59:59+08:00");
    at("2021-09-18T09:00:00+08:00");
    managementService.executeJob(moved.getId());
    assertThat(instance(response)).isNotNull();
    assertThat(instance(response))
        .hasPassed(GATEWAY_ANSWER_OVERDUE)
        .isWaitingAt(TASK_ACKNOWLEDGE_NOTICE, GATEWAY_WAIT_FOR_ANSWER);
    assertThat(answerTimer(response).getDuedate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2021-09-22T23:59:59+08:00").toInstant());
    assertThat(recipientRows.recipient(notice.noticeId(), ENTERPRISES).orElseThrow().stage())
        .isEqualTo(RecipientStage.ACKNOWLEDGING);

    at("2021-09-23T09:00:00+08:00");
    executeJobs();
    assertThat(instance(response)).isNull();
    assertThat(recipientRows.recipient(notice.noticeId(), ENTERPRISES).orElseThrow().stage())
        .isEqualTo(RecipientStage.NO_ANSWER);
  }

  private void moveAnswerDeadline(IssuedNotice notice, String at) {
    jdbc.update(
        "update notice set acknowledge_by = ? where id = ?",
        OffsetDateTime.parse(at).toInstant().atOffset(java.time.ZoneOffset.UTC),
        notice.noticeId());
  }

  private IssuedNotice published(String title, List<String> recipients) {
    IssuedNotice notice = issueNotice(title, recipients, "2021-09-15", "2021-09-30");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    return notice;
  }

  private Job answerTimer(String response) {
    return managementService
        .createJobQuery()
        .processInstanceId(response)
        .activityId(ANSWER_DUE)
        .singleResult();
  }

  private String light(IssuedNotice notice, String departmentId) {
    for (JsonNode row :
        http.withBasicAuth(DemoUsers.SUPERVISOR, DemoUsers.PASSWORD)
            .getForObject("/api/oversight/notices/" + notice.noticeId(), JsonNode.class)) {
      if (row.get("departmentId").asText().equals(departmentId)) {
        return row.get("light").asText();
      }
    }
    return null;
  }

  private static void at(String time) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(time).toInstant()));
  }
}
