package cn.datian.noticeflow.response;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** StartEvent_NoticeReceived: binds the instance to its recipient and loads what the forms show. */
@Component("departmentResponseStartListener")
public class DepartmentResponseStartListener implements ExecutionListener {

  private final DepartmentResponseService responses;
  private final ResponseRecord responseRecord;

  public DepartmentResponseStartListener(
      DepartmentResponseService responses, ResponseRecord responseRecord) {
    this.responses = responses;
    this.responseRecord = responseRecord;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // Bound once: from here on the instance finds its notice and department in the record.
    ResponseRecord.Ref ref = responseRecord.bind(execution);
    execution.setVariables(responses.open(ref.noticeId(), ref.departmentId()));
  }
}
