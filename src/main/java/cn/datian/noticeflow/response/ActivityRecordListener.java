package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_RecordActivities: stores the department's activity list (one or many). */
@Component("activityRecordListener")
public class ActivityRecordListener implements ExecutionListener {

  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;

  public ActivityRecordListener(
      DepartmentResponseService responses, ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.responses = responses;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.recordActivities(
        response.noticeId(), response.departmentId(), execution.getVariable("activities"), actor());
  }
}
