package cn.datian.noticeflow.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path through notice-lifecycle: sign-off, return to the drafter, consolidation rounds. */
class NoticeLifecycleProcessTest extends ProcessTestSupport {

  @Autowired NoticeRepository notices;

  @Test
  void straightPath_issueSignOffPublishConsolidateClose() {
    // given a notice issued to one department and one enterprise
    IssuedNotice notice = issueNotice("直通发文", List.of("commerce", "enterprises"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    assertThat(lifecycle).isWaitingAt("Task_SignOffNotice");
    assertThat(task(lifecycle.getId(), "Task_SignOffNotice")).hasCandidateGroup("office-head");

    // when the office head signs it off
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffNotice"),
        Map.of("signOffDecision", "approve"));

    // then it waits for the fan-out job, and each recipient gets its own response
    assertThat(lifecycle).isWaitingAt("CallActivity_DepartmentResponse#multiInstanceBody");
    executeJobs();
    assertThat(notices.find(notice.noticeId()).orElseThrow().state()).isEqualTo(NoticeState.PUBLISHED);
    ProcessInstance commerce = responseOf(lifecycle.getId(), "commerce");
    ProcessInstance enterprises = responseOf(lifecycle.getId(), "enterprises");
    assertThat(commerce).isWaitingAt("Task_AcknowledgeNotice");
    assertThat(enterprises).isWaitingAt("Task_AcknowledgeNotice");
    assertThat(commerce.getBusinessKey()).isEqualTo(notice.noticeId());

    // when the enterprise declines and the department is accepted
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises.getId(), "Task_AcknowledgeNotice"),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    driveToAcceptance(commerce.getId(), "commerce", "标准化经验推广会");
    executeJobs();

    // then the office consolidates, with an overview of the outcome
    assertThat(lifecycle).isWaitingAt("Task_ConsolidateReport");
    assertThat(notices.find(notice.noticeId()).orElseThrow().state())
        .isEqualTo(NoticeState.CONSOLIDATING);
    assertThat((String) runtimeService.getVariable(lifecycle.getId(), "consolidationOverview"))
        .contains("共 2 个接收单位", "1 个总结已通过审核", "1 个自愿谢绝：各有关企业");
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), "Task_ConsolidateReport"),
        Map.of("consolidatedSummary", "商务局已完成，企业自愿谢绝。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffConsolidation"),
        Map.of("consolidationDecision", "approve"));

    assertThat(lifecycle)
        .isEnded()
        .hasPassedInOrder(
            "Task_RegisterNotice",
            "Task_SignOffNotice",
            "Task_PublishNotice",
            "CallActivity_DepartmentResponse",
            "Task_PrepareConsolidation",
            "Task_ConsolidateReport",
            "Task_SignOffConsolidation",
            "Task_CloseNotice",
            "EndEvent_NoticeClosed")
        .hasNotPassed("Task_ReviseNotice");
    Notice closed = notices.find(notice.noticeId()).orElseThrow();
    assertThat(closed.state()).isEqualTo(NoticeState.CLOSED);
    assertThat(closed.closedAt()).isNotNull();
    assertThat(closed.consolidatedSummary()).isEqualTo("商务局已完成，企业自愿谢绝。");
  }

  @Test
  void signOffReturnedToDrafter_revised_thenSignedOff() {
    IssuedNotice notice = issueNotice("退回起草人", List.of("commerce"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());

    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffNotice"),
        Map.of("signOffDecision", "return", "signOffComment", "截止时间太紧，请延后"));

    assertThat(lifecycle).isWaitingAt("Task_ReviseNotice");
    Task revise = task(lifecycle.getId(), "Task_ReviseNotice");
    assertThat(revise.getAssignee()).isEqualTo(DemoUsers.OFFICE_CLERK);
    assertThat(notices.find(notice.noticeId()).orElseThrow().state())
        .isEqualTo(NoticeState.RETURNED_TO_DRAFTER);

    // the revision form carries the draft; a bad edit is refused and changes nothing
    Map<String, Object> revised = new HashMap<>(runtimeService.getVariables(lifecycle.getId()));
    revised.put("deadline", "2001-01-01");
    assertThatThrownBy(() -> completeAs(DemoUsers.OFFICE_CLERK, revise, revised))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("截止时间已过")
        .hasMessageNotContaining("deadline")
        .extracting(e -> (Object) ((FormFieldValidationException) e).getDetail())
        .isEqualTo("deadline");
    assertThat(lifecycle).isWaitingAt("Task_ReviseNotice");

    String later = java.time.LocalDate.now(ZONE).plusDays(30).toString();
    revised.put("deadline", later);
    revised.put("title", "退回起草人（修改稿）");
    completeAs(DemoUsers.OFFICE_CLERK, revise, revised);

    assertThat(lifecycle).isWaitingAt("Task_SignOffNotice");
    Notice record = notices.find(notice.noticeId()).orElseThrow();
    assertThat(record.title()).isEqualTo("退回起草人（修改稿）");
    assertThat(record.deadline().atZoneSameInstant(ZONE).toLocalDate().toString()).isEqualTo(later);
    assertThat(record.state()).isEqualTo(NoticeState.AWAITING_SIGN_OFF);
    // the new round starts without the old decision
    assertThat(runtimeService.getVariable(lifecycle.getId(), "signOffDecision")).isNull();

    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffNotice"),
        Map.of("signOffDecision", "approve"));
    executeJobs();

    assertThat(lifecycle).hasPassedInOrder("Task_SignOffNotice", "Task_ReviseNotice", "Task_SignOffNotice", "Task_PublishNotice");
    assertThat(responseOf(lifecycle.getId(), "commerce")).isWaitingAt("Task_AcknowledgeNotice");
    assertThat(notices.steps(notice.noticeId()))
        .extracting(s -> s.step().name() + " by " + s.userId())
        .containsExactly(
            "DRAFTED by office-clerk",
            "SIGN_OFF_RETURNED by office-head",
            "REVISED by office-clerk",
            "SIGN_OFF_APPROVED by office-head",
            "PUBLISHED by null");
  }

  @Test
  void consolidationReturned_thenSignedOff() {
    IssuedNotice notice = publishNotice("汇总退回", List.of("commerce"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    driveToAcceptance(responseOf(lifecycle.getId(), "commerce").getId(), "commerce", "标准化经验推广会");
    executeJobs();

    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), "Task_ConsolidateReport"),
        Map.of("consolidatedSummary", "初稿"));
    assertThatThrownBy(
            () ->
                completeAs(
                    DemoUsers.OFFICE_HEAD,
                    task(lifecycle.getId(), "Task_SignOffConsolidation"),
                    Map.of("consolidationDecision", "return")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("退回时请说明理由");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffConsolidation"),
        Map.of("consolidationDecision", "return", "consolidationComment", "请补充各部门亮点"));

    assertThat(lifecycle).isWaitingAt("Task_ConsolidateReport");
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), "Task_ConsolidateReport"),
        Map.of("consolidatedSummary", "修改稿：商务局推广标准化经验。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), "Task_SignOffConsolidation"),
        Map.of("consolidationDecision", "approve"));

    assertThat(lifecycle).isEnded().hasPassed("EndEvent_NoticeClosed");
    assertThat(notices.steps(notice.noticeId()))
        .filteredOn(s -> s.departmentId() == null)
        .extracting(NoticeStep::step)
        .containsSubsequence(
            StepKind.CONSOLIDATED,
            StepKind.CONSOLIDATION_RETURNED,
            StepKind.CONSOLIDATED,
            StepKind.CONSOLIDATION_APPROVED,
            StepKind.CLOSED);
    assertThat(notices.find(notice.noticeId()).orElseThrow().consolidatedSummary())
        .isEqualTo("修改稿：商务局推广标准化经验。");
  }
}
