package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.SEQUENCE_FLOW_RESPONSES_ALREADY_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CHECK_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_PREPARE_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_PUBLISH_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_START_RESPONSE_BATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import cn.datian.noticeflow.identity.DemoUsers;
import cn.datian.noticeflow.notice.NoticeService.IssuedNotice;
import cn.datian.noticeflow.response.ResponseRepository;
import cn.datian.noticeflow.support.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lifecycle's fan-out (#15): publishing starts every recipient's department-response as a
 * top-level process instance in batches (two at a time in the test profile), and the lifecycle
 * waits until the last recipient finished — every path of it, job by job.
 */
class ResponseFanOutProcessTest extends ProcessTestSupport {

  @Autowired HistoryService historyService;
  @Autowired FanOutRepository fanOut;
  @Autowired JdbcClient jdbc;

  @Test
  void recipientsStartInBatches_asTopLevelResponses_andTheLastOneToFinishMovesTheLifecycleOn() {
    // given a notice to three recipients, signed off
    IssuedNotice notice = issueNotice("分批启动", List.of("commerce", "health", "enterprises"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));

    // then the sign-off only queued the publishing
    assertThat(lifecycle).isWaitingAt(TASK_PUBLISH_NOTICE);
    assertThat(fanOut.unstarted(notice.noticeId(), 10)).isEmpty(); // no recipient row yet

    // when publishing runs: every recipient has its row, none is started
    executeJobOf(lifecycle.getId());
    assertThat(lifecycle).isWaitingAt(TASK_START_RESPONSE_BATCH);
    assertThat(fanOut.unstarted(notice.noticeId(), 10))
        .containsExactly("commerce", "enterprises", "health");

    // when the first batch runs: two responses exist, the third waits for the next batch
    executeJobOf(lifecycle.getId());
    assertThat(fanOut.unstarted(notice.noticeId(), 10)).containsExactly("health");
    assertThat(lifecycle).isWaitingAt(TASK_START_RESPONSE_BATCH);
    executeJobOf(lifecycle.getId());
    assertThat(fanOut.unstarted(notice.noticeId(), 10)).isEmpty();
    assertThat(lifecycle).isWaitingAt(TASK_CHECK_RESPONSES_FINISHED);
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(lifecycle.getId())
                .activityId(TASK_START_RESPONSE_BATCH)
                .count())
        .isEqualTo(2);

    // each response is a top-level instance, the notice id its business key, bound to its row
    List<ProcessInstance> responses =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey("department-response")
            .processInstanceBusinessKey(notice.noticeId())
            .list();
    assertThat(responses).hasSize(3);
    for (ProcessInstance response : responses) {
      assertThat(
              runtimeService
                  .createProcessInstanceQuery()
                  .subProcessInstanceId(response.getId())
                  .count())
          .isZero();
      assertThat(recipientRows.recipientOfProcess(response.getId())).isPresent();
    }

    // when the check runs with every recipient at work, the lifecycle waits
    executeJobs();
    assertThat(lifecycle).isWaitingAt(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED);
    ProcessInstance commerce = responseOf(lifecycle.getId(), "commerce");
    ProcessInstance health = responseOf(lifecycle.getId(), "health");
    ProcessInstance enterprises = responseOf(lifecycle.getId(), "enterprises");
    assertThat(commerce).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);

    // when two of three finish (one declines, one is accepted), it still waits
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    driveToAcceptance(commerce.getId(), "commerce", "质量宣传");
    executeJobs();
    assertThat(enterprises).isEnded();
    assertThat(commerce).isEnded();
    assertThat(lifecycle).isWaitingAt(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED);
    assertThat(fanOut.finished(notice.noticeId())).isFalse();

    // when the last is accepted, the lifecycle goes on (in its own job) to the consolidation
    driveToAcceptance(health.getId(), "health", "质量宣传");
    assertThat(fanOut.finished(notice.noticeId())).isTrue();
    assertThat(lifecycle)
        .isWaitingAt(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED); // asynchronous after
    executeJobs();
    assertThat(lifecycle)
        .isWaitingAt(TASK_CONSOLIDATE_REPORT)
        .hasPassed(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED)
        .hasNotPassed(SEQUENCE_FLOW_RESPONSES_ALREADY_FINISHED);
    assertThat((String) runtimeService.getVariable(lifecycle.getId(), "consolidationOverview"))
        .contains("共 3 个接收单位", "2 个总结已通过审核", "1 个自愿谢绝");
  }

  @Test
  void everyRecipientFinishedBeforeTheCheck_theLifecycleGoesStraightOn() {
    // given a notice to one enterprise, published and its response started
    IssuedNotice notice = issueNotice("签收前已办结", List.of("enterprises"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    executeJobOf(lifecycle.getId()); // publish
    executeJobOf(lifecycle.getId()); // the one batch
    assertThat(lifecycle).isWaitingAt(TASK_CHECK_RESPONSES_FINISHED);

    // when the enterprise declines before the lifecycle's check has run
    ProcessInstance enterprises = responseOf(lifecycle.getId(), "enterprises");
    executeJobOf(enterprises.getId()); // its asynchronous start
    completeAs(
        DemoUsers.clerkOf("enterprises"),
        task(enterprises.getId(), TASK_ACKNOWLEDGE_NOTICE),
        Map.of("acknowledgement", "decline", "declineReason", "自愿不参加"));
    assertThat(enterprises).isEnded();
    // nobody waits for the message yet: the response's end marks nothing
    assertThat(fanOut.finished(notice.noticeId())).isFalse();

    // then the check finds it finished and the lifecycle never waits
    executeJobOf(lifecycle.getId());
    assertThat(fanOut.finished(notice.noticeId())).isTrue();
    assertThat(lifecycle)
        .isWaitingAt(TASK_CONSOLIDATE_REPORT)
        .hasPassed(TASK_CHECK_RESPONSES_FINISHED)
        .hasNotPassed(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED);
  }

  @Test
  void theLastTwoFinishAtTheSameMoment_theLifecycleGoesOnOnce() throws Exception {
    // given two departments, each at the office's review
    IssuedNotice notice = publishNotice("同时办结", List.of("transport", "education"));
    String transport = responseOf(notice.processInstanceId(), "transport").getId();
    String education = responseOf(notice.processInstanceId(), "education").getId();
    for (String[] r : new String[][] {{transport, "transport"}, {education, "education"}}) {
      acknowledge(r[0], r[1]);
      recordActivities(r[0], r[1], "质量宣传");
      submitSummary(r[0], r[1], "活动总结");
      completeAs(
          DemoUsers.headOf(r[1]),
          task(r[0], TASK_SIGN_OFF_SUMMARY),
          Map.of("headDecision", "approve"));
    }
    Task first = task(transport, TASK_REVIEW_SUMMARY);
    Task second = task(education, TASK_REVIEW_SUMMARY);
    as(
        DemoUsers.OFFICE_CLERK,
        () -> {
          taskService.claim(first.getId(), DemoUsers.OFFICE_CLERK);
          taskService.claim(second.getId(), DemoUsers.OFFICE_CLERK);
        });

    // when the office accepts both at once, from two threads
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService clients = Executors.newFixedThreadPool(2);
    List<Future<Object>> done =
        clients.invokeAll(
            List.of(first, second).stream()
                .map(
                    t ->
                        (java.util.concurrent.Callable<Object>)
                            () -> {
                              together.await(30, TimeUnit.SECONDS);
                              as(
                                  DemoUsers.OFFICE_CLERK,
                                  () ->
                                      taskService.complete(
                                          t.getId(), Map.of("reviewDecision", "accept")));
                              return null;
                            })
                .toList());
    clients.shutdown();
    for (Future<Object> f : done) {
      f.get(); // neither request failed
    }

    // then the lifecycle got the message once and consolidates once
    assertThat(instance(transport)).isNull();
    assertThat(instance(education)).isNull();
    assertThat(fanOut.finished(notice.noticeId())).isTrue();
    executeJobs();
    assertThat(instance(notice.processInstanceId())).isWaitingAt(TASK_CONSOLIDATE_REPORT);
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(notice.processInstanceId())
                .activityId(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED)
                .finished()
                .count())
        .isEqualTo(1);
    assertThat(
            historyService
                .createHistoricActivityInstanceQuery()
                .processInstanceId(notice.processInstanceId())
                .activityId(TASK_PREPARE_CONSOLIDATION)
                .count())
        .isEqualTo(1);
    assertThat(
            taskService
                .createTaskQuery()
                .processInstanceId(notice.processInstanceId())
                .taskDefinitionKey(TASK_CONSOLIDATE_REPORT)
                .count())
        .isEqualTo(1);
  }

  @Test
  void aRecipientWhoseStartFails_isOneIncident_andTheOthersProceed() {
    // given a notice to three departments, published and its responses created
    IssuedNotice notice = issueNotice("启动失败", List.of("commerce", "health", "transport"));
    ProcessInstance lifecycle = instance(notice.processInstanceId());
    completeAs(
        DemoUsers.OFFICE_HEAD,
        task(lifecycle.getId(), TASK_SIGN_OFF_NOTICE),
        Map.of("signOffDecision", "approve"));
    while (!fanOut.unstarted(notice.noticeId(), 1).isEmpty()
        || instance(lifecycle.getId()) != null
            && runtimeService
                .getActiveActivityIds(lifecycle.getId())
                .contains(TASK_PUBLISH_NOTICE)) {
      executeJobOf(lifecycle.getId());
    }
    // and one recipient's record no longer matches its response (bound elsewhere)
    String health = responseOf(lifecycle.getId(), "health").getId();
    jdbc.sql(
            "update notice_recipient set process_instance_id = :other where notice_id = :notice and department_id = 'health'")
        .param("other", "broken-" + health)
        .param("notice", notice.noticeId())
        .update();

    // when the job executor would run every job (each failing job tried three times)
    for (int attempt = 0; attempt < 3; attempt++) {
      for (Job job : managementService.createJobQuery().executable().list()) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException expected) {
          assertThat(job.getProcessInstanceId()).isEqualTo(health);
        }
      }
    }

    // then that recipient's start is one incident on its own instance, and the others work on
    List<Incident> incidents =
        runtimeService.createIncidentQuery().processInstanceId(health).list();
    assertThat(incidents).hasSize(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(lifecycle.getId()).count())
        .isZero();
    assertThat(responseOf(lifecycle.getId(), "commerce")).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(responseOf(lifecycle.getId(), "transport")).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
    assertThat(lifecycle).isWaitingAt(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED);
    assertThatThrownBy(() -> task(health, TASK_ACKNOWLEDGE_NOTICE))
        .isInstanceOf(AssertionError.class);

    // when an operator repairs the record and retries the job (Cockpit), the department starts
    jdbc.sql(
            "update notice_recipient set process_instance_id = :pi where notice_id = :notice and department_id = 'health'")
        .param("pi", health)
        .param("notice", notice.noticeId())
        .update();
    managementService.setJobRetries(incidents.get(0).getConfiguration(), 1);
    executeJobs();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(health).count()).isZero();
    assertThat(instance(health)).isWaitingAt(TASK_ACKNOWLEDGE_NOTICE);
  }

  /** Executes the one executable job of this process instance. */
  private void executeJobOf(String processInstanceId) {
    List<Job> jobs =
        managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
    assertThat(jobs).as("one job of " + processInstanceId).hasSize(1);
    managementService.executeJob(jobs.get(0).getId());
  }

  @Autowired NoticeRepository notices;

  @Autowired ResponseRepository recipientRows;
}
