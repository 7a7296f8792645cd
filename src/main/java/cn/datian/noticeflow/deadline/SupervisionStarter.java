package cn.datian.noticeflow.deadline;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Starts the office's 督办 task ({@value #SUPERVISE_PROCESS_KEY}) when the deadline watch escalates,
 * and keeps the open one's level current on the next escalations.
 */
@Component
public class SupervisionStarter {

  public static final String SUPERVISE_PROCESS_KEY = "supervise-department";

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
            .processDefinitionKey(SUPERVISE_PROCESS_KEY)
            .processInstanceBusinessKey(businessKey)
            .singleResult();
    if (open == null) {
      runtimeService.startProcessInstanceByKey(SUPERVISE_PROCESS_KEY, businessKey, variables);
    } else {
      runtimeService.setVariables(open.getId(), variables);
    }
  }
}
