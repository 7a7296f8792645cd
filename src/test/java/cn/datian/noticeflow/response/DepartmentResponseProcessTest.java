package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_DECLINED;
import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_SUMMARY_ACCEPTED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeRepository;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path through department-response, driven as the department's and the office's users. */
class DepartmentResponseProcessTest extends ProcessTestSupport {

  private static final String TRANSPORT = "transport";
  private static final String CLERK = DemoUsers.clerkOf(TRANSPORT);
  private static final String HEAD = DemoUsers.headOf(TRANSPORT);

  @Autowired NoticeRepository notices;
  @Autowired ResponseRepository recipientRows;
  @Autowired ActivityRepository activities;

  @Test
  void straightPath_acknowledgeRecordSubmitSignOffAccept() {
    // given a notice published to the transport bureau
    IssuedNotice notice = publishNotice("直通路径", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    assertThat(response).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    Task acknowledge = task(response.getId(), TASK_ACKNOWLEDGE_NOTICE);
    assertThat(acknowledge).hasCandidateGroup(TRANSPORT);
    assertThat(acknowledge.getDueDate()).isNotNull();

    // when the department works through every step and the office accepts
    acknowledge(response.getId(), TRANSPORT);
    recordActivities(response.getId(), TRANSPORT, "运输服务质量提升行动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
    assertThat(task(response.getId(), TASK_SIGN_OFF_SUMMARY)).hasCandidateGroup("transport-heads");
    signOffAndReview(response.getId(), TRANSPORT, Map.of("reviewDecision", "accept"));

    // then the response ends accepted, with every step logged by its user
    assertThat(response)
        .isEnded()
        .hasPassed(END_EVENT_SUMMARY_ACCEPTED)
        .hasNotPassed(END_EVENT_DECLINED);
    NoticeRecipient recipient = recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow();
    assertThat(recipient.stage()).isEqualTo(RecipientStage.ACCEPTED);
    assertThat(recipient.contactName()).isEqualTo("张联络");
    assertThat(stepsOf(notice.noticeId(), TRANSPORT))
        .containsExactly(
            "ACKNOWLEDGED by " + CLERK,
            "ACTIVITIES_RECORDED by " + CLERK,
            "EVIDENCE_SUBMITTED by " + CLERK,
            "HEAD_SIGNED_OFF by " + HEAD,
            "REVIEW_ACCEPTED by " + DemoUsers.OFFICE_CLERK);
    assertThat(activities.find(notice.noticeId(), TRANSPORT))
        .extracting(ActivityRecord::title)
        .containsExactly("运输服务质量提升行动");
  }

  @Test
  void theNextStepStaysWithWhoeverDidTheLast_butAClerkNeverGetsTheHeadsTask() {
    IssuedNotice notice = publishNotice("留在经办人", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    // started by the job executor: nobody's yet, the department claims it
    assertThat(task(response.getId(), TASK_ACKNOWLEDGE_NOTICE).getAssignee()).isNull();

    acknowledge(response.getId(), TRANSPORT);
    assertThat(task(response.getId(), TASK_RECORD_ACTIVITIES).getAssignee()).isEqualTo(CLERK);
    recordActivities(response.getId(), TRANSPORT, "运输服务质量提升行动");
    assertThat(task(response.getId(), TASK_UPLOAD_EVIDENCE).getAssignee()).isEqualTo(CLERK);
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");

    // the clerk is no candidate of the head's sign-off: it waits for the heads, unassigned
    Task signOff = task(response.getId(), TASK_SIGN_OFF_SUMMARY);
    assertThat(signOff.getAssignee()).isNull();
    assertThat(signOff).hasCandidateGroup("transport-heads");

    // the head returns it: the redo goes back to the clerk who did it (the head is also in the
    // department's group, and still does not get it), and says it was returned and by whom
    completeAs(HEAD, signOff, Map.of("headDecision", "return", "headComment", "请补充图片"));
    Task redo = task(response.getId(), TASK_RECORD_ACTIVITIES);
    assertThat(redo.getAssignee()).isEqualTo(CLERK);
    assertThat((String) taskService.getVariableLocal(redo.getId(), "taskNote"))
        .startsWith("退回：")
        .contains("负责人签发总结");

    recordActivities(response.getId(), TRANSPORT, "修改后活动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
    // the second sign-off goes to the head who signed the first; it is a new round, no return
    Task again = task(response.getId(), TASK_SIGN_OFF_SUMMARY);
    assertThat(again.getAssignee()).isEqualTo(HEAD);
    assertThat((String) taskService.getVariableLocal(again.getId(), "taskNote")).isEqualTo("第2次办理");

    // the assignee may hand it to a colleague
    as(HEAD, () -> taskService.setAssignee(again.getId(), null));
    assertThat(task(response.getId(), TASK_SIGN_OFF_SUMMARY).getAssignee()).isNull();
  }

  @Test
  void summaryReturnedTwice_thenAccepted() {
    IssuedNotice notice = publishNotice("两次退回", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    acknowledge(response.getId(), TRANSPORT);

    for (int round = 1; round <= 2; round++) {
      recordActivities(response.getId(), TRANSPORT, "第" + round + "轮活动");
      submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
      signOffAndReview(
          response.getId(),
          TRANSPORT,
          Map.of("reviewDecision", "return", "reviewComment", "请补充第" + round + "轮的图片"));
      assertThat(response).isWaitingAt(TASK_RECORD_ACTIVITIES);
      assertThat(recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().stage())
          .isEqualTo(RecipientStage.RETURNED);
      // the department reads the office's comment in its next round
      assertThat(
              taskService.getVariable(
                  task(response.getId(), TASK_RECORD_ACTIVITIES).getId(), "reviewComment"))
          .isEqualTo("请补充第" + round + "轮的图片");
    }
    recordActivities(response.getId(), TRANSPORT, "第三轮活动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
    signOffAndReview(response.getId(), TRANSPORT, Map.of("reviewDecision", "accept"));

    assertThat(response)
        .isEnded()
        .hasPassedInOrder(TASK_REVIEW_SUMMARY, END_EVENT_SUMMARY_ACCEPTED);
    NoticeRecipient recipient = recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow();
    assertThat(recipient.stage()).isEqualTo(RecipientStage.ACCEPTED);
    assertThat(recipient.reviewRounds()).isEqualTo(2);
    assertThat(stepsOf(notice.noticeId(), TRANSPORT))
        .filteredOn(s -> s.startsWith("REVIEW_"))
        .containsExactly(
            "REVIEW_RETURNED by office-clerk",
            "REVIEW_RETURNED by office-clerk",
            "REVIEW_ACCEPTED by office-clerk");
    // the list stands as last submitted
    assertThat(activities.find(notice.noticeId(), TRANSPORT))
        .extracting(ActivityRecord::title)
        .containsExactly("第三轮活动");
  }

  @Test
  void headReturnsSummaryToClerks_thenSignsOff() {
    IssuedNotice notice = publishNotice("负责人退回", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    acknowledge(response.getId(), TRANSPORT);
    recordActivities(response.getId(), TRANSPORT, "初稿活动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");

    completeAs(
        HEAD,
        task(response.getId(), TASK_SIGN_OFF_SUMMARY),
        Map.of("headDecision", "return", "headComment", "总结过于简单"));
    assertThat(response).isWaitingAt(TASK_RECORD_ACTIVITIES);
    assertThat(recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().stage())
        .isEqualTo(RecipientStage.RETURNED);

    recordActivities(response.getId(), TRANSPORT, "修改后活动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
    // the previous round's decision does not pre-fill the new sign-off
    Task signOff = task(response.getId(), TASK_SIGN_OFF_SUMMARY);
    assertThat(taskService.getVariable(signOff.getId(), "headDecision")).isNull();
    completeAs(HEAD, signOff, Map.of("headDecision", "approve"));
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(response.getId(), TASK_REVIEW_SUMMARY),
        Map.of("reviewDecision", "accept"));

    assertThat(response).isEnded().hasPassed(END_EVENT_SUMMARY_ACCEPTED);
    assertThat(stepsOf(notice.noticeId(), TRANSPORT))
        .contains("HEAD_RETURNED by " + HEAD, "HEAD_SIGNED_OFF by " + HEAD);
  }

  @Test
  void enterpriseDeclines_endsDeclinedWithItsReason() {
    IssuedNotice notice = publishNotice("企业谢绝", List.of("enterprises"));
    ProcessInstance response = responseOf(notice.processInstanceId(), "enterprises");
    assertThat(runtimeService.getVariable(response.getId(), "voluntary")).isEqualTo(true);

    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(response.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "生产任务繁忙，本次不参加"));

    assertThat(response)
        .isEnded()
        .hasPassed(END_EVENT_DECLINED)
        .hasNotPassed(TASK_RECORD_ACTIVITIES);
    NoticeRecipient recipient =
        recipientRows.recipient(notice.noticeId(), "enterprises").orElseThrow();
    assertThat(recipient.stage()).isEqualTo(RecipientStage.DECLINED);
    assertThat(recipient.declineReason()).isEqualTo("生产任务繁忙，本次不参加");
  }

  @Test
  void mandatoryDepartmentCannotDecline_andNothingChanges() {
    IssuedNotice notice = publishNotice("强制部门不能谢绝", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    Task acknowledge = task(response.getId(), TASK_ACKNOWLEDGE_NOTICE);

    assertThatThrownBy(
            () ->
                completeAs(
                    CLERK,
                    acknowledge,
                    Map.of("acknowledgement", "decline", "declineReason", "不想参加")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("本单位须参加，不能谢绝")
        .extracting(e -> (Object) ((FormFieldValidationException) e).getDetail())
        .isEqualTo("acknowledgement");

    assertThat(response).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().stage())
        .isEqualTo(RecipientStage.ACKNOWLEDGING);
    assertThat(stepsOf(notice.noticeId(), TRANSPORT)).isEmpty();
  }

  @Test
  void badActivityRecords_areRefusedWithTheFieldNamed() {
    IssuedNotice notice = publishNotice("活动校验", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    acknowledge(response.getId(), TRANSPORT);
    Task record = task(response.getId(), TASK_RECORD_ACTIVITIES);

    // the refused field for code, and the message as the form names it (rows from 1, as on screen)
    record Bad(String json, String field, String message) {}
    List<Bad> badLists =
        List.of(
            new Bad("[]", "activities", "请至少登记一项活动"),
            new Bad(
                "[{\"activityDate\":\"" + today() + "\",\"title\":\"\",\"kind\":\"publicity\"}]",
                "activities[1].title",
                "第1项活动：请填写活动名称（不超过300字）"),
            new Bad(
                "[{\"activityDate\":\""
                    + today()
                    + "\",\"title\":\"a\",\"kind\":\"publicity\"},"
                    + "{\"activityDate\":\"2999-01-01\",\"title\":\"未来\",\"kind\":\"publicity\"}]",
                "activities[2].activityDate",
                "第2项活动的日期不能晚于今天"),
            new Bad(
                "[{\"activityDate\":\"" + today() + "\",\"title\":\"x\",\"kind\":\"party\"}]",
                "activities[1].kind",
                "第1项活动：请选择活动类型"),
            new Bad(
                "[{\"activityDate\":\""
                    + today()
                    + "\",\"title\":\"x\",\"kind\":\"other\",\"participants\":-5}]",
                "activities[1].participants",
                "第1项活动：参加人数应在 0 到 1000000 之间"),
            new Bad(
                "[{\"activityDate\":\"15/09/2021\",\"title\":\"x\",\"kind\":\"other\"}]",
                "activities",
                "活动记录格式有误，日期应为 yyyy-MM-dd"));
    badLists.forEach(
        bad ->
            assertThatThrownBy(
                    () ->
                        completeAs(
                            CLERK,
                            record,
                            Map.of("activities", SpinValues.jsonValue(bad.json()).create())))
                .as(bad.json())
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessage(bad.message())
                .extracting(e -> (Object) ((FormFieldValidationException) e).getDetail())
                .isEqualTo(bad.field()));

    assertThat(response).isWaitingAt(TASK_RECORD_ACTIVITIES);
    assertThat(activities.find(notice.noticeId(), TRANSPORT)).isEmpty();
  }

  @Test
  void returnWithoutComment_isRefused() {
    IssuedNotice notice = publishNotice("退回须说明", List.of(TRANSPORT));
    ProcessInstance response = responseOf(notice.processInstanceId(), TRANSPORT);
    acknowledge(response.getId(), TRANSPORT);
    recordActivities(response.getId(), TRANSPORT, "活动");
    submitSummary(response.getId(), TRANSPORT, "本局按通知要求开展了质量月活动。");
    completeAs(
        HEAD, task(response.getId(), TASK_SIGN_OFF_SUMMARY), Map.of("headDecision", "approve"));

    Task review = task(response.getId(), TASK_REVIEW_SUMMARY);
    assertThatThrownBy(
            () -> completeAs(DemoUsers.OFFICE_CLERK, review, Map.of("reviewDecision", "return")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("退回时请填写审核意见")
        .extracting(e -> (Object) ((FormFieldValidationException) e).getDetail())
        .isEqualTo("reviewComment");
    assertThat(response).isWaitingAt(TASK_REVIEW_SUMMARY);
    assertThat(recipientRows.recipient(notice.noticeId(), TRANSPORT).orElseThrow().stage())
        .isEqualTo(RecipientStage.IN_REVIEW);
  }

  private List<String> stepsOf(String noticeId, String departmentId) {
    return notices.steps(noticeId).stream()
        .filter(s -> departmentId.equals(s.departmentId()))
        .map(s -> s.step().name() + " by " + s.userId())
        .toList();
  }
}
