package cn.datian.noticeflow.bench;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline of the lifecycle and fan-out benchmarks: the same user tasks, candidate groups
 * and asynchronous fan-out as notice-lifecycle and department-response, with no listener, no
 * delegate, no form and no table of ours. Built with the fluent model API (which lays out the
 * diagram too) and deployed only by the benchmarks.
 */
final class BareProcesses {

  static final String LIFECYCLE = "bare-notice-lifecycle";
  static final String RESPONSE = "bare-department-response";

  private BareProcesses() {}

  static void deploy(RepositoryService repositoryService) {
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(LIFECYCLE).count() > 0) {
      return;
    }
    repositoryService.createDeployment()
        .name("benchmark baseline")
        .addModelInstance(LIFECYCLE + ".bpmn", lifecycle())
        .addModelInstance(RESPONSE + ".bpmn", response())
        .deploy();
  }

  static BpmnModelInstance lifecycle() {
    return Bpmn.createExecutableProcess(LIFECYCLE)
        .camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_NoticeDrafted")
        .userTask("Task_SignOffNotice").camundaCandidateGroups("office-head")
        .callActivity("CallActivity_DepartmentResponses").calledElement(RESPONSE)
            .camundaIn("departmentId", "departmentId")
            .multiInstance().parallel()
                .camundaCollection("${recipientIds}").camundaElementVariable("departmentId")
                .camundaAsyncBefore().camundaAsyncAfter()
            .multiInstanceDone()
        .userTask("Task_ConsolidateReport").camundaCandidateGroups("office")
        .userTask("Task_SignOffConsolidation").camundaCandidateGroups("office-head")
        .endEvent("EndEvent_NoticeClosed")
        .done();
  }

  static BpmnModelInstance response() {
    return Bpmn.createExecutableProcess(RESPONSE)
        .camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_NoticeReceived")
        .userTask("Task_AcknowledgeNotice").camundaCandidateGroups("${departmentId}")
        .userTask("Task_RecordActivities").camundaCandidateGroups("${departmentId}")
        .userTask("Task_UploadEvidence").camundaCandidateGroups("${departmentId}")
        .userTask("Task_SignOffSummary").camundaCandidateGroups("${departmentId}-heads")
        .userTask("Task_ReviewSummary").camundaCandidateGroups("office")
        .endEvent("EndEvent_SummaryAccepted")
        .done();
  }
}
