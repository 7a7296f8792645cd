package cn.datian.noticeflow.deadline;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ChaseDepartment: writes the reminder or escalation due now (mail goes out next). */
@Component("chaseDepartmentDelegate")
public class ChaseDepartmentDelegate implements JavaDelegate {

  private final DeadlineChaseService chase;

  public ChaseDepartmentDelegate(DeadlineChaseService chase) {
    this.chase = chase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    chase.chase(
        (String) execution.getVariable("noticeId"),
        (String) execution.getVariable("departmentId"),
        execution.getProcessInstanceId());
  }
}
