package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_NOTICE_CLOSED;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CHECK_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CLOSE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_DRAFT_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_PREPARE_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_PUBLISH_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REGISTER_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_START_RESPONSE_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.process.ProcessKeys;
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
    assertThat(lifecycle).isWaitingAt(TASK_SIGN_OFF_NOTICE);
    assertThat(task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE)).hasCandidateGroup("office-head");

    // when the office head signs it off
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));

    // then publishing waits for its job (the sign-off answers at once), and each recipient gets
    // its own top-level response, the notice id as its business key
    assertThat(lifecycle).isWaitingAt(TASK_PUBLISH_NOTICE);
    executeJobs();
    assertThat(lifecycle).isWaitingAt(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED);
    assertThat(notices.find(notice.noticeId()).orElseThrow().state())
        .isEqualTo(NoticeState.PUBLISHED);
    ProcessInstance commerce = responseOf(lifecycle.getId(), "commerce");
    ProcessInstance enterprises = responseOf(lifecycle.getId(), "enterprises");
    assertThat(commerce).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(enterprises).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(commerce.getBusinessKey()).isEqualTo(notice.noticeId());

    // when the enterprise declines and the department is accepted
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    driveToAcceptance(commerce.getId(), "commerce", "标准化经验推广会");
    executeJobs();

    // then the office consolidates, with an overview of the outcome
    assertThat(lifecycle).isWaitingAt(TASK_CONSOLIDATE_REPORT);
    assertThat(notices.find(notice.noticeId()).orElseThrow().state())
        .isEqualTo(NoticeState.CONSOLIDATING);
    assertThat((String) runtimeService.getVariable(lifecycle.getId(), "consolidationOverview"))
        .contains("共 2 个接收单位", "1 个总结已通过审核", "1 个自愿谢绝：各有关企业");
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "商务局已完成，企业自愿谢绝。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));

    assertThat(lifecycle)
        .isEnded()
        .hasPassedInOrder(
            TASK_REGISTER_NOTICE,
            TASK_SIGN_OFF_NOTICE,
            TASK_PUBLISH_NOTICE,
            TASK_START_RESPONSE_BATCH,
            TASK_CHECK_RESPONSES_FINISHED,
            INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED,
            TASK_PREPARE_CONSOLIDATION,
            TASK_CONSOLIDATE_REPORT,
            TASK_SIGN_OFF_CONSOLIDATION,
            TASK_CLOSE_NOTICE,
            END_EVENT_NOTICE_CLOSED)
        .hasNotPassed(TASK_DRAFT_NOTICE);
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
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "return", "signOffComment", "截止时间太紧，请延后"));

    // back in drafting, with everything it had and the head's reason
    assertThat(lifecycle).isWaitingAt(TASK_DRAFT_NOTICE);
    Task revise = task(lifecycle.getId(), TASK_DRAFT_NOTICE);
    assertThat(revise.getAssignee()).isEqualTo(DemoUsers.OFFICE_CLERK);
    assertThat(notices.find(notice.noticeId()).orElseThrow().state())
        .isEqualTo(NoticeState.RETURNED_TO_DRAFTER);
    NoticeService.DraftView returned = noticeService.draft(notice.noticeId());
    assertThat(returned.returnComment()).isEqualTo("截止时间太紧，请延后");
    assertThat(returned.fields())
        .containsEntry("title", "退回起草人")
        .containsEntry("number", "测试〔2021〕1号")
        .containsEntry("body", "测试通知正文")
        .containsEntry("recipients", List.of("commerce"));

    // a bad edit is saved (nothing typed is lost) but cannot go to sign-off
    Map<String, Object> revised = new HashMap<>(returned.fields());
    revised.put("deadline", "2001-01-01");
    assertThat(noticeService.saveDraft(notice.noticeId(), revised).problems())
        .containsKey("deadline");
    assertThatThrownBy(() -> completeAs(DemoUsers.OFFICE_CLERK, revise, Map.of()))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("截止时间已过")
        .hasMessageNotContaining("deadline")
        .extracting(e -> (Object) ((FormFieldValidationException) e).getDetail())
        .isEqualTo("deadline");
    assertThat(lifecycle).isWaitingAt(TASK_DRAFT_NOTICE);
    assertThat(noticeService.draft(notice.noticeId()).fields())
        .containsEntry("deadline", "2001-01-01");

    // a completion may not smuggle the draft in as variables: the record is the draft
    assertThatThrownBy(() -> completeAs(DemoUsers.OFFICE_CLERK, revise, Map.of("title", "偷改")))
        .hasMessageContaining("title");

    String later = java.time.LocalDate.now(ZONE).plusDays(30).toString();
    revised.put("deadline", later);
    revised.put("title", "退回起草人（修改稿）");
    assertThat(noticeService.saveDraft(notice.noticeId(), revised).problems()).isEmpty();
    completeAs(DemoUsers.OFFICE_CLERK, revise, Map.of());

    assertThat(lifecycle).isWaitingAt(TASK_SIGN_OFF_NOTICE);
    Notice record = notices.find(notice.noticeId()).orElseThrow();
    assertThat(record.title()).isEqualTo("退回起草人（修改稿）");
    assertThat(record.deadline().atZoneSameInstant(ZONE).toLocalDate().toString()).isEqualTo(later);
    assertThat(record.state()).isEqualTo(NoticeState.AWAITING_SIGN_OFF);
    assertThat(record.returnComment()).isNull();
    assertThat(runtimeService.getVariable(lifecycle.getId(), "noticeTitle"))
        .isEqualTo("退回起草人（修改稿）");
    // the new round starts without the old decision
    assertThat(runtimeService.getVariable(lifecycle.getId(), "signOffDecision")).isNull();

    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();

    assertThat(lifecycle)
        .hasPassedInOrder(
            TASK_SIGN_OFF_NOTICE, TASK_DRAFT_NOTICE, TASK_SIGN_OFF_NOTICE, TASK_PUBLISH_NOTICE);
    assertThat(responseOf(lifecycle.getId(), "commerce")).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(notices.steps(notice.noticeId()))
        .extracting(s -> s.step().name() + " by " + s.userId())
        .containsExactly(
            "DRAFTED by office-clerk",
            "SIGN_OFF_RETURNED by office-head",
            "REVISED by office-clerk",
            "SIGN_OFF_APPROVED by office-head",
            "PUBLISHED by null");
    // once signed off, the draft is closed to edits
    assertThatThrownBy(() -> noticeService.saveDraft(notice.noticeId(), revised))
        .isInstanceOf(NoticeConflictException.class);
  }

  @Test
  void draftedInTasklist_leftAndResumed_namesForIds_thenSignedOffAndPublished() {
    // started from Tasklist's 发起流程: no fields, an empty draft for the office to write
    ProcessInstance lifecycle =
        as(
            DemoUsers.OFFICE_CLERK,
            () -> runtimeService.startProcessInstanceByKey(ProcessKeys.NOTICE_LIFECYCLE));
    assertThat(lifecycle).isWaitingAt(TASK_DRAFT_NOTICE);
    Task draftTask = task(lifecycle.getId(), TASK_DRAFT_NOTICE);
    assertThat(draftTask.getAssignee()).isEqualTo(DemoUsers.OFFICE_CLERK);
    assertThat(draftTask.getDescription()).startsWith("起草通知");
    String noticeId = lifecycle.getBusinessKey();
    assertThat(notices.find(noticeId).orElseThrow().state()).isEqualTo(NoticeState.DRAFTING);

    // nothing written yet: 完成 says what is missing and the task stays
    assertThatThrownBy(() -> completeAs(DemoUsers.OFFICE_CLERK, draftTask, Map.of()))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessageContaining("请填写标题");
    assertThat(lifecycle).isWaitingAt(TASK_DRAFT_NOTICE);

    // the clerk writes part of it and leaves; it is there when they come back
    Map<String, Object> part = new HashMap<>();
    part.put("title", "关于开展质量宣传周活动的通知");
    part.put("body", "一、活动时间\n（一）九月第二周。");
    assertThat(noticeService.saveDraft(noticeId, part).problems())
        .containsKeys("deadline", "recipients");
    NoticeService.DraftView reopened = noticeService.draft(noticeId);
    assertThat(reopened.fields())
        .containsEntry("title", "关于开展质量宣传周活动的通知")
        .containsEntry("body", "一、活动时间\n（一）九月第二周。");

    // recipients by their Chinese names, offsets as the form's choices
    Map<String, Object> full = new HashMap<>(reopened.fields());
    full.put("issuer", "大田县质量强县工作领导小组办公室");
    full.put("number", "大质强县办〔2021〕2号");
    full.put("deadline", java.time.LocalDate.now(ZONE).plusDays(20).toString());
    full.put("recipients", List.of("县交通局", "各有关企业"));
    full.put("reminderOffsets", List.of("P3D", "P1D"));
    assertThat(noticeService.saveDraft(noticeId, full).problems()).isEmpty();
    completeAs(DemoUsers.OFFICE_CLERK, draftTask, Map.of());

    assertThat(lifecycle).isWaitingAt(TASK_SIGN_OFF_NOTICE);
    Notice sent = notices.find(noticeId).orElseThrow();
    assertThat(sent.state()).isEqualTo(NoticeState.AWAITING_SIGN_OFF);
    assertThat(sent.recipientIds()).containsExactly("transport", "enterprises");
    assertThat(sent.reminderOffsets())
        .containsExactly(java.time.Duration.ofDays(3), java.time.Duration.ofDays(1));
    // the process carries the id and short display values, never the text
    assertThat(runtimeService.getVariables(lifecycle.getId()))
        .containsEntry("noticeId", noticeId)
        .containsEntry("noticeTitle", "关于开展质量宣传周活动的通知")
        .doesNotContainKeys("body", "title", "recipients", "deadline");

    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();
    assertThat(responseOf(lifecycle.getId(), "transport")).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(responseOf(lifecycle.getId(), "enterprises")).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(lifecycle)
        .hasPassedInOrder(
            TASK_REGISTER_NOTICE, TASK_DRAFT_NOTICE, TASK_SIGN_OFF_NOTICE, TASK_PUBLISH_NOTICE);
    assertThat(notices.steps(noticeId))
        .extracting(s -> s.step().name())
        .containsExactly("DRAFTED", "SIGN_OFF_APPROVED", "PUBLISHED");
  }

  @Test
  void consolidationReturned_thenSignedOff() {
    IssuedNotice notice = publishNotice("汇总退回", List.of("commerce"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    driveToAcceptance(responseOf(lifecycle.getId(), "commerce").getId(), "commerce", "标准化经验推广会");
    executeJobs();

    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "初稿"));
    assertThatThrownBy(
            () ->
                completeAs(
                    DemoUsers.OFFICE_HEAD,
                    task(lifecycle.getId(), TASK_SIGN_OFF_CONSOLIDATION),
                    Map.of("consolidationDecision", "return")))
        .isInstanceOf(FormFieldValidationException.class)
        .hasMessage("退回时请说明理由");
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "return", "consolidationComment", "请补充各部门亮点"));

    assertThat(lifecycle).isWaitingAt(TASK_CONSOLIDATE_REPORT);
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(lifecycle.getId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "修改稿：商务局推广标准化经验。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));

    assertThat(lifecycle).isEnded().hasPassed(END_EVENT_NOTICE_CLOSED);
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
