package cn.datian.noticeflow.bench;

import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_NOTICE_CLOSED;
import static cn.datian.noticeflow.support.ProcessElements.END_EVENT_SUMMARY_ACCEPTED;
import static cn.datian.noticeflow.support.ProcessElements.START_EVENT_NOTICE_DRAFTED;
import static cn.datian.noticeflow.support.ProcessElements.START_EVENT_NOTICE_RECEIVED;
import static cn.datian.noticeflow.support.ProcessElements.TASK_ACKNOWLEDGE_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_CONSOLIDATE_REPORT;
import static cn.datian.noticeflow.support.ProcessElements.TASK_RECORD_ACTIVITIES;
import static cn.datian.noticeflow.support.ProcessElements.TASK_REVIEW_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_CONSOLIDATION;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_NOTICE;
import static cn.datian.noticeflow.support.ProcessElements.TASK_SIGN_OFF_SUMMARY;
import static cn.datian.noticeflow.support.ProcessElements.TASK_UPLOAD_EVIDENCE;

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
 * The second baseline of the lifecycle benchmark: the same user tasks on a plain Camunda engine, as
 * the issue (#15) describes it — its own {@link ProcessEngineConfiguration}, no Spring, an
 * in-memory H2 of its own, history full, no authorization, no job executor, one thread; one process
 * whose departments are an embedded parallel multi-instance subprocess, no async point. What the
 * bare processes cost above it is the price of the application's engine configuration and process
 * shape; what the seed notice costs above the bare processes is the application's.
 */
final class PlainEngineBaseline implements AutoCloseable {

  static final String PROCESS = "plain-notice";

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;

  PlainEngineBaseline() {
    StandaloneInMemProcessEngineConfiguration configuration =
        new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("plain-baseline");
    configuration.setJdbcUrl("jdbc:h2:mem:plain-baseline;DB_CLOSE_DELAY=-1");
    configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
    configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setAuthorizationEnabled(false);
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getTaskService();
    engine
        .getRepositoryService()
        .createDeployment()
        .addModelInstance(PROCESS + ".bpmn", process())
        .deploy();
  }

  static BpmnModelInstance process() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(PROCESS)
            .camundaHistoryTimeToLive(180)
            .startEvent(START_EVENT_NOTICE_DRAFTED)
            .userTask(TASK_SIGN_OFF_NOTICE)
            .camundaCandidateGroups("office-head")
            .subProcess("SubProcess_DepartmentResponses")
            .embeddedSubProcess()
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
            .subProcessDone()
            .userTask(TASK_CONSOLIDATE_REPORT)
            .camundaCandidateGroups("office")
            .userTask(TASK_SIGN_OFF_CONSOLIDATION)
            .camundaCandidateGroups("office-head")
            .endEvent(END_EVENT_NOTICE_CLOSED)
            .done();
    SubProcess departments = model.getModelElementById("SubProcess_DepartmentResponses");
    departments
        .builder()
        .multiInstance()
        .parallel()
        .camundaCollection("${recipientIds}")
        .camundaElementVariable("departmentId")
        .multiInstanceDone();
    return model;
  }

  /** One notice to closure: every task claimed and completed as its user would. */
  void notice(List<String> recipients) {
    ProcessInstance notice =
        runtime.startProcessInstanceByKey(PROCESS, Map.of("recipientIds", recipients));
    complete(notice.getId(), TASK_SIGN_OFF_NOTICE, "office-head");
    for (String department : recipients) {
      String[][] steps = {
        {TASK_ACKNOWLEDGE_NOTICE, department + "-clerk"},
        {TASK_RECORD_ACTIVITIES, department + "-clerk"},
        {TASK_UPLOAD_EVIDENCE, department + "-clerk"},
        {TASK_SIGN_OFF_SUMMARY, department + "-head"},
        {TASK_REVIEW_SUMMARY, "office-clerk"}
      };
      for (String[] step : steps) {
        Task task =
            tasks
                .createTaskQuery()
                .processInstanceId(notice.getId())
                .taskDefinitionKey(step[0])
                .taskCandidateGroup(
                    step[0].equals(TASK_REVIEW_SUMMARY)
                        ? "office"
                        : step[0].equals(TASK_SIGN_OFF_SUMMARY)
                            ? department + "-heads"
                            : department)
                .singleResult();
        tasks.claim(task.getId(), step[1]);
        tasks.complete(task.getId());
      }
    }
    complete(notice.getId(), TASK_CONSOLIDATE_REPORT, "office-clerk");
    complete(notice.getId(), TASK_SIGN_OFF_CONSOLIDATION, "office-head");
    if (runtime.createProcessInstanceQuery().processInstanceId(notice.getId()).count() != 0) {
      throw new IllegalStateException("the plain notice did not close");
    }
  }

  private void complete(String processInstanceId, String key, String user) {
    Task task =
        tasks
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskDefinitionKey(key)
            .singleResult();
    tasks.claim(task.getId(), user);
    tasks.complete(task.getId());
  }

  @Override
  public void close() {
    engine.close();
  }
}
