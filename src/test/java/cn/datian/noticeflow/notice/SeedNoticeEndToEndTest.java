package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.demo.SeedNotice;
import cn.datian.noticeflow.directory.DepartmentDirectory;
import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The seed notice, end to end: issued to every recipient in its opening line, every department
 * carried to acceptance by its own users, the notice consolidated and closed; then the history says
 * who did what, and when.
 */
class SeedNoticeEndToEndTest extends ProcessTestSupport {

  @Autowired DepartmentDirectory directory;
  @Autowired ResponseRepository recipientRows;
  @Autowired HistoryService historyService;

  @Test
  void seedNotice_toEveryRecipient_isCarriedToClosure() {
    // given the seed notice as the office drafted it, to all recipients (no list = all),
    // including the enterprises, who here choose to take part
    SeedNotice seed = SeedNotice.load();
    LocalDate today = LocalDate.now(ZONE);
    OffsetDateTime started = OffsetDateTime.now().minusSeconds(1);
    IssuedNotice notice =
        noticeService.issue(seed.issuedOn(today), DemoUsers.OFFICE_CLERK, List.of("office"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobs();

    // then all 19 recipients of the opening line have their acknowledgement task
    List<String> departments = directory.allIds();
    assertThat(departments).hasSize(19);
    assertThat(recipientRows.recipients(notice.noticeId())).hasSize(19);

    // when each department works through its response as its own users
    for (String departmentId : departments) {
      ProcessInstance response = responseOf(notice.processInstanceId(), departmentId);
      assertThat(response).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
      assertThat(runtimeService.getVariable(response.getId(), "assignedActivities").toString())
          .contains("共同活动");
      driveToAcceptance(
          response.getId(), departmentId, directory.require(departmentId).name() + "质量月宣传");
    }
    executeJobs();
    completeAs(
        DemoUsers.OFFICE_CLERK,
        task(notice.processInstanceId(), TASK_CONSOLIDATE_REPORT),
        Map.of("consolidatedSummary", "全县19个接收单位均已按要求完成质量月活动并报送总结。"));
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(notice.processInstanceId(), TASK_SIGN_OFF_CONSOLIDATION),
        Map.of("consolidationDecision", "approve"));

    // then the notice is closed and every department accepted
    assertThat(instance(notice.processInstanceId())).isNull();
    JsonNode view =
        http.withBasicAuth(DemoUsers.LEADER, DemoUsers.PASSWORD)
            .getForObject("/api/notices/" + notice.noticeId(), JsonNode.class);
    assertThat(view.get("state").asText()).isEqualTo("closed");
    assertThat(view.get("recipients")).hasSize(19);
    for (JsonNode recipient : view.get("recipients")) {
      String departmentId = recipient.get("departmentId").asText();
      assertThat(recipient.get("stage").asText()).as(departmentId).isEqualTo("accepted");
      assertThat(recipient.get("steps").findValuesAsText("step"))
          .containsExactly(
              "acknowledged",
              "activities_recorded",
              "evidence_submitted",
              "head_signed_off",
              "review_accepted");
      assertThat(recipient.get("steps").findValuesAsText("user"))
          .containsExactly(
              DemoUsers.clerkOf(departmentId),
              DemoUsers.clerkOf(departmentId),
              DemoUsers.clerkOf(departmentId),
              DemoUsers.headOf(departmentId),
              DemoUsers.OFFICE_CLERK);
      for (JsonNode step : recipient.get("steps")) {
        assertThat(OffsetDateTime.parse(step.get("at").asText())).isAfter(started);
      }
    }
    assertThat(view.get("steps").findValuesAsText("step"))
        .containsExactly(
            "drafted",
            "sign_off_approved",
            "published",
            "consolidated",
            "consolidation_approved",
            "closed");

    // and Camunda's own history agrees on who acknowledged, signed off and reviewed
    for (String departmentId : departments) {
      String responseId =
          historyService
              .createHistoricProcessInstanceQuery()
              .processDefinitionKey("department-response")
              .processInstanceBusinessKey(notice.noticeId())
              .variableValueEquals("departmentId", departmentId)
              .singleResult()
              .getId();
      Map<String, String> assigneeByTask =
          historyService
              .createHistoricTaskInstanceQuery()
              .processInstanceId(responseId)
              .finished()
              .list()
              .stream()
              .collect(
                  java.util.stream.Collectors.toMap(
                      HistoricTaskInstance::getTaskDefinitionKey,
                      HistoricTaskInstance::getAssignee));
      assertThat(assigneeByTask)
          .containsEntry(TASK_ACKNOWLEDGE_NOTICE, DemoUsers.clerkOf(departmentId))
          .containsEntry(TASK_SIGN_OFF_SUMMARY, DemoUsers.headOf(departmentId))
          .containsEntry(TASK_REVIEW_SUMMARY, DemoUsers.OFFICE_CLERK);
    }
  }
}
