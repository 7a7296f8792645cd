package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.response.ResponseRecord;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PlanNextChase: when to look again at this department (null: nothing owed now). */
@Component("planNextChaseDelegate")
public class PlanNextChaseDelegate implements JavaDelegate {

  private final ResponseRecord responseRecord;
  private final DeadlineChaseService chase;

  public PlanNextChaseDelegate(DeadlineChaseService chase, ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.chase = chase;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ResponseRecord.Ref response = responseRecord.of(execution);
    execution.setVariable(
        "nextChaseAt", chase.nextChaseAt(response.noticeId(), response.departmentId()));
  }
}
