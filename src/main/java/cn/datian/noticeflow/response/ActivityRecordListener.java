package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_RecordActivities: stores the department's activity list (one or many). */
@Component("activityRecordListener")
public class ActivityRecordListener implements TaskListener {

  private final DepartmentResponseService responses;

  public ActivityRecordListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateTask task) {
    responses.recordActivities(
        (String) task.getVariable("noticeId"),
        (String) task.getVariable("departmentId"),
        task.getVariable("activities"),
        actor(task));
  }
}
