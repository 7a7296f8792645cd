package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.response.ResponseRecord;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ChaseDepartment: writes the reminder or escalation due now (mail goes out next). */
@Component("chaseDepartmentDelegate")
public class ChaseDepartmentDelegate implements JavaDelegate {

  private final ResponseRecord responseRecord;
  private final DeadlineChaseService chase;

  public ChaseDepartmentDelegate(DeadlineChaseService chase, ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.chase = chase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ResponseRecord.Ref response = responseRecord.of(execution);
    chase.chase(response.noticeId(), response.departmentId(), execution.getProcessInstanceId());
  }
}
