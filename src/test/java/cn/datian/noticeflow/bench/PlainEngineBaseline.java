package cn.datian.noticeflow.bench;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * The second baseline of the lifecycle benchmark: the same user tasks on a plain Camunda engine,
 * as the issue (#15) describes it — its own {@link ProcessEngineConfiguration}, no Spring, an
 * in-memory H2 of its own, history full, no authorization, no job executor, one thread; one
 * process whose departments are an embedded parallel multi-instance subprocess, no async point.
 * What the bare processes cost above it is the price of the application's engine configuration
 * and process shape; what the seed notice costs above the bare processes is the application's.
 */
final class PlainEngineBaseline implements AutoCloseable {

  static final String PROCESS = "plain-notice";

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;

  PlainEngineBaseline() {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("plain-baseline");
    configuration.setJdbcUrl("jdbc:h2:mem:plain-baseline;DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setAuthorizationEnabled(false);
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
    engine.getRepositoryService().createDeployment().addModelInstance(PROCESS + ".bpmn", process()).deploy();
  }

  static BpmnModelInstance process() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(180)
        .startEvent("StartEvent_NoticeDrafted")
        .userTask("Task_SignOffNotice").camundaCandidateGroups("office-head")
        .subProcess("SubProcess_DepartmentResponses")
            .embeddedSubProcess()
            .startEvent("StartEvent_NoticeReceived")
            .userTask("Task_AcknowledgeNotice").camundaCandidateGroups("${departmentId}")
            .userTask("Task_RecordActivities").camundaCandidateGroups("${departmentId}")
            .userTask("Task_UploadEvidence").camundaCandidateGroups("${departmentId}")
            .userTask("Task_SignOffSummary").camundaCandidateGroups("${departmentId}-heads")
            .userTask("Task_ReviewSummary").camundaCandidateGroups("office")
            .endEvent("EndEvent_SummaryAccepted")
            .subProcessDone()
        .userTask("Task_ConsolidateReport").camundaCandidateGroups("office")
        .userTask("Task_SignOffConsolidation").camundaCandidateGroups("office-head")
        .endEvent("EndEvent_NoticeClosed")
        .done();
    SubProcess departments = model.getModelElementById("SubProcess_DepartmentResponses");
    departments.builder().multiInstance().parallel()
        .camundaCollection("${recipientIds}").camundaElementVariable("departmentId")
        .multiInstanceDone();
    return model;
  }

  /** One notice to closure: every task claimed and completed as its user would. */
  void notice(List<String> recipients) {
    ProcessInstance notice = runtime.startProcessInstanceByKey(PROCESS, Map.of("recipientIds", recipients));
    complete(notice.getId(), "Task_SignOffNotice", "office-head");
    for (String department : recipients) {
      String[][] steps = {
          {"Task_AcknowledgeNotice", department + "-clerk"},
          {"Task_RecordActivities", department + "-clerk"},
          {"Task_UploadEvidence", department + "-clerk"},
          {"Task_SignOffSummary", department + "-head"},
          {"Task_ReviewSummary", "office-clerk"}};
      for (String[] step : steps) {
        Task task = tasks.createTaskQuery().processInstanceId(notice.getId()).taskDefinitionKey(step[0])
            .taskCandidateGroup(step[0].equals("Task_ReviewSummary") ? "office"
                : step[0].equals("Task_SignOffSummary") ? department + "-heads" : department)
            .singleResult();
        tasks.claim(task.getId(), step[1]);
        tasks.complete(task.getId());
      }
    }
    complete(notice.getId(), "Task_ConsolidateReport", "office-clerk");
    complete(notice.getId(), "Task_SignOffConsolidation", "office-head");
    if (runtime.createProcessInstanceQuery().processInstanceId(notice.getId()).count() != 0) {
      throw new IllegalStateException("the plain notice did not close");
    }
  }

  private void complete(String processInstanceId, String key, String user) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).singleResult();
    tasks.claim(task.getId(), user);
    tasks.complete(task.getId());
  }

  @Override
  public void close() {
    engine.close();
  }
}
