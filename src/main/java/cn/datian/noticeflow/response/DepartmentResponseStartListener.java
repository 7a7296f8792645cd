package cn.datian.noticeflow.response;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** StartEvent_NoticeReceived: loads what the department's forms and due dates need. */
@Component("departmentResponseStartListener")
public class DepartmentResponseStartListener implements ExecutionListener {

  private final DepartmentResponseService responses;

  public DepartmentResponseStartListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariables(
        responses.open(
            (String) execution.getVariable("noticeId"),
            (String) execution.getVariable("departmentId")));
  }
}
