package cn.datian.noticeflow.bench;

import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_NOTICE_CLOSED;
import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_SUMMARY_ACCEPTED;
import static cn.datian.noticeflow.support.ProcessElements.GATEWAY_MORE_TO_START;
import static cn.datian.noticeflow.support.ProcessElements.GATEWAY_START_ROUND;
import static cn.datian.noticeflow.support.ProcessElements.INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.START_EVENT_NOTICE_DRAFTED;
import static cn.datian.noticeflow.support.ProcessElements.START_EVENT_NOTICE_RECEIVED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CHECK_RESPONSES_FINISHED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_PUBLISH_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_START_RESPONSE_BATCH;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline of the lifecycle and fan-out benchmarks: the same user tasks, candidate groups and
 * asynchronous fan-out as notice-lifecycle and department-response, with no listener, no delegate,
 * no form and no table of ours. Built with the fluent model API (which lays out the diagram too)
 * and deployed only by the benchmarks.
 */
final class BareProcesses {

  static final String LIFECYCLE = "bare-notice-lifecycle";
  static final String RESPONSE = "bare-department-response";

  /** The lifecycle's fan-out as it is now (#15): top-level responses started in batches. */
  static final String FAN_OUT_LIFECYCLE = "bare-fan-out-lifecycle";

  static final String TOP_LEVEL_RESPONSE = "bare-top-level-response";

  private BareProcesses() {}

  static void deploy(RepositoryService repositoryService) {
    if (repositoryService
            .createProcessDefinitionQuery()
            .processDefinitionKey(FAN_OUT_LIFECYCLE)
            .count()
        > 0) {
      return;
    }
    repositoryService
        .createDeployment()
        .name("benchmark baseline")
        .addModelInstance(LIFECYCLE + ".bpmn", lifecycle())
        .addModelInstance(RESPONSE + ".bpmn", response())
        .addModelInstance(FAN_OUT_LIFECYCLE + ".bpmn", fanOutLifecycle())
        .addModelInstance(TOP_LEVEL_RESPONSE + ".bpmn", topLevelResponse())
        .deploy();
  }

  static BpmnModelInstance lifecycle() {
    return Bpmn.createExecutableProcess(LIFECYCLE)
        .camundaHistoryTimeToLive(180)
        .startEvent(START_EVENT_NOTICE_DRAFTED)
        .userTask(TASK_SIGN_OFF_NOTICE)
        .camundaCandidateGroups("office-head")
        .callActivity("CallActivity_DepartmentResponses")
        .calledElement(RESPONSE)
        .camundaIn("departmentId", "departmentId")
        .multiInstance()
        .parallel()
        .camundaCollection("${recipientIds}")
        .camundaElementVariable("departmentId")
        .camundaAsyncBefore()
        .camundaAsyncAfter()
        .multiInstanceDone()
        .userTask(TASK_CONSOLIDATE_REPORT)
        .camundaCandidateGroups("office")
        .userTask(TASK_SIGN_OFF_CONSOLIDATION)
        .camundaCandidateGroups("office-head")
        .endEvent(END_EVENT_NOTICE_CLOSED)
        .done();
  }

  static BpmnModelInstance response() {
    return Bpmn.createExecutableProcess(RESPONSE)
        .camundaHistoryTimeToLive(180)
        .startEvent(START_EVENT_NOTICE_RECEIVED)
        .userTask(TASK_ACKNOWLEDGE_NOTICE)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_RECORD_ACTIVITIES)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_UPLOAD_EVIDENCE)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_SIGN_OFF_SUMMARY)
        .camundaCandidateGroups("${departmentId}-heads")
        .userTask(TASK_REVIEW_SUMMARY)
        .camundaCandidateGroups("office")
        .endEvent(END_EVENT_SUMMARY_ACCEPTED)
        .done();
  }

  /**
   * notice-lifecycle's fan-out on the plain engine: publishing asynchronous after the sign-off, a
   * loop starting {@code batchSize} top-level responses per job (business key = the lifecycle's),
   * an asynchronous check, then a message catch event. Variables {@code recipientCount} and {@code
   * batchSize}; recipients are d00001, d00002, …
   */
  static BpmnModelInstance fanOutLifecycle() {
    return Bpmn.createExecutableProcess(FAN_OUT_LIFECYCLE)
        .camundaHistoryTimeToLive(180)
        .startEvent(START_EVENT_NOTICE_DRAFTED)
        .userTask(TASK_SIGN_OFF_NOTICE)
        .camundaCandidateGroups("office-head")
        .serviceTask(TASK_PUBLISH_NOTICE)
        .camundaAsyncBefore()
        .camundaExpression("${execution.setVariable('nextRecipient', 0)}")
        .exclusiveGateway(GATEWAY_START_ROUND)
        .serviceTask(TASK_START_RESPONSE_BATCH)
        .camundaAsyncBefore()
        .camundaClass(StartBatch.class.getName())
        .exclusiveGateway(GATEWAY_MORE_TO_START)
        .condition("还有", "${nextRecipient < recipientCount}")
        .connectTo(GATEWAY_START_ROUND)
        .moveToNode(GATEWAY_MORE_TO_START)
        .condition("均已启动", "${nextRecipient >= recipientCount}")
        .serviceTask(TASK_CHECK_RESPONSES_FINISHED)
        .camundaAsyncBefore()
        .camundaExpression("${true}")
        .intermediateCatchEvent(INTERMEDIATE_CATCH_EVENT_ALL_RESPONSES_FINISHED)
        .message("BareAllResponsesFinished")
        .userTask(TASK_CONSOLIDATE_REPORT)
        .camundaCandidateGroups("office")
        .userTask(TASK_SIGN_OFF_CONSOLIDATION)
        .camundaCandidateGroups("office-head")
        .endEvent(END_EVENT_NOTICE_CLOSED)
        .done();
  }

  /** department-response's user tasks, its start asynchronous as in the real one. */
  static BpmnModelInstance topLevelResponse() {
    return Bpmn.createExecutableProcess(TOP_LEVEL_RESPONSE)
        .camundaHistoryTimeToLive(180)
        .startEvent(START_EVENT_NOTICE_RECEIVED)
        .camundaAsyncBefore()
        .userTask(TASK_ACKNOWLEDGE_NOTICE)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_RECORD_ACTIVITIES)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_UPLOAD_EVIDENCE)
        .camundaCandidateGroups("${departmentId}")
        .userTask(TASK_SIGN_OFF_SUMMARY)
        .camundaCandidateGroups("${departmentId}-heads")
        .userTask(TASK_REVIEW_SUMMARY)
        .camundaCandidateGroups("office")
        .endEvent(END_EVENT_SUMMARY_ACCEPTED)
        .done();
  }

  /** Task_StartResponseBatch of the bare fan-out: the next batch of top-level responses. */
  public static class StartBatch implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      // numbers as whatever set them made them (JUEL writes a Long)
      int next = ((Number) execution.getVariable("nextRecipient")).intValue();
      int end =
          Math.min(
              ((Number) execution.getVariable("recipientCount")).intValue(),
              next + ((Number) execution.getVariable("batchSize")).intValue());
      var runtime = execution.getProcessEngineServices().getRuntimeService();
      for (int i = next; i < end; i++) {
        runtime
            .createProcessInstanceByKey(TOP_LEVEL_RESPONSE)
            .businessKey(execution.getProcessBusinessKey())
            .setVariable("departmentId", "d%05d".formatted(i + 1))
            .execute();
      }
      execution.setVariable("nextRecipient", end);
    }
  }
}
