package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.process.ProcessKeys;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Starts the office's 督办 task ({@value ProcessKeys#SUPERVISE_DEPARTMENT}) when the deadline watch
 * escalates, and keeps the open one's level current on the next escalations.
 */
@Component
public class SupervisionStarter {

  private final ChaseMails mails;
  private final RuntimeService runtimeService;

  public SupervisionStarter(ChaseMails mails, RuntimeService runtimeService) {
    this.mails = mails;
    this.runtimeService = runtimeService;
  }

  /** One open 督办 task per department: started at the first escalation, its level kept current. */
  public void superviseTask(
      String noticeId, String departmentId, Obligation obligation, int level, String responseId) {
    String businessKey = noticeId + ":" + departmentId;
    Map<String, Object> variables = mails.baseModel(noticeId, departmentId, obligation, responseId);
    variables.keySet().removeAll(List.of("responseId", "obligationKind", "dueAt", "boardLink"));
    variables.put("noticeId", noticeId);
    variables.put("departmentId", departmentId);
    variables.put("escalationLevel", level);
    variables.put("missing", variables.get("taskNames"));
    ProcessInstance open =
        runtimeService
            .createProcessInstanceQuery()
            .processDefinitionKey(ProcessKeys.SUPERVISE_DEPARTMENT)
            .processInstanceBusinessKey(businessKey)
            .singleResult();
    if (open == null) {
      runtimeService.startProcessInstanceByKey(
          ProcessKeys.SUPERVISE_DEPARTMENT, businessKey, variables);
    } else {
      runtimeService.setVariables(open.getId(), variables);
    }
  }
}
