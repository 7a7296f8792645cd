package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.optionalText;
import static cn.datian.noticeflow.common.TaskInput.requiredText;
import static cn.datian.noticeflow.common.TaskInput.text;

import cn.datian.noticeflow.common.TaskInput;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_AcknowledgeNotice (签收): the department confirms receipt and names its contact person; an
 * enterprise may instead decline, with a reason.
 */
@Component("acknowledgementListener")
public class AcknowledgementListener implements ExecutionListener {

  static final String DECISION = "acknowledgement";

  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final ChaseSignal chaseSignal;

  public AcknowledgementListener(
      DepartmentResponseService responses, ChaseSignal chaseSignal, ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.chaseSignal = chaseSignal;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    // Mandatory departments see no choice in the form: no decision means they take part.
    String decision = text(execution, DECISION);
    if (decision == null) {
      decision = "participate";
      execution.setVariable(DECISION, decision);
    }
    boolean participates;
    if (decision.equals("participate")) {
      participates = true;
    } else if (decision.equals("decline")) {
      participates = false;
    } else {
      throw TaskInput.invalid(DECISION, "请选择参加或谢绝 (participate or decline)");
    }
    ResponseRecord.Ref response = responseRecord.of(execution);
    String noticeId = response.noticeId();
    String departmentId = response.departmentId();
    if (participates) {
      responses.acknowledge(
          noticeId,
          departmentId,
          true,
          requiredText(execution, "contactName", "联系人", 100),
          optionalText(execution, "contactPhone", "联系电话", 50),
          null,
          actor());
    } else {
      responses.acknowledge(
          noticeId,
          departmentId,
          false,
          null,
          null,
          requiredText(execution, "declineReason", "谢绝理由", 2000),
          actor());
    }
    if (participates) {
      // from the acknowledgement deadline to the summary deadline
      chaseSignal.responseChangedAfterCommit(execution.getProcessInstanceId());
    }
  }
}
