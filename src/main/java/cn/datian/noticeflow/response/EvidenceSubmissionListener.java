package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_UploadEvidence: the department hands in its electronic summary. (Files come with the
 * evidence feature; for now the summary text and a note of what is delivered on paper.)
 */
@Component("evidenceSubmissionListener")
public class EvidenceSubmissionListener implements ExecutionListener {

  private final DepartmentResponseService responses;

  public EvidenceSubmissionListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    responses.submitEvidence(
        (String) execution.getVariable("noticeId"),
        (String) execution.getVariable("departmentId"),
        requiredText(execution, "summaryText", "活动总结", 4000),
        actor());
  }
}
