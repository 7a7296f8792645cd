package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.optionalText;
import static cn.datian.noticeflow.common.TaskInput.requiredText;
import static cn.datian.noticeflow.common.TaskInput.text;

import cn.datian.noticeflow.common.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_AcknowledgeNotice (签收): the department confirms receipt and names its contact person;
 * an enterprise may instead decline, with a reason.
 */
@Component("acknowledgementListener")
public class AcknowledgementListener implements TaskListener {

  static final String DECISION = "acknowledgement";

  private final DepartmentResponseService responses;

  public AcknowledgementListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateTask task) {
    // Mandatory departments see no choice in the form: no decision means they take part.
    String decision = text(task, DECISION);
    if (decision == null) {
      decision = "participate";
      task.setVariable(DECISION, decision);
    }
    boolean participates;
    if (decision.equals("participate")) {
      participates = true;
    } else if (decision.equals("decline")) {
      participates = false;
    } else {
      throw TaskInput.invalid(DECISION, "请选择参加或谢绝 (participate or decline)");
    }
    String noticeId = (String) task.getVariable("noticeId");
    String departmentId = (String) task.getVariable("departmentId");
    if (participates) {
      responses.acknowledge(
          noticeId,
          departmentId,
          true,
          requiredText(task, "contactName", "联系人", 100),
          optionalText(task, "contactPhone", "联系电话", 50),
          null,
          actor(task));
    } else {
      responses.acknowledge(
          noticeId,
          departmentId,
          false,
          null,
          null,
          requiredText(task, "declineReason", "谢绝理由", 2000),
          actor(task));
    }
  }
}
