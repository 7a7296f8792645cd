package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Task_UploadEvidence: the department hands in its electronic summary. (Files come with the
 * evidence feature; for now the summary text and a note of what is delivered on paper.)
 */
@Component("evidenceSubmissionListener")
public class EvidenceSubmissionListener implements TaskListener {

  private final DepartmentResponseService responses;

  public EvidenceSubmissionListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateTask task) {
    responses.submitEvidence(
        (String) task.getVariable("noticeId"),
        (String) task.getVariable("departmentId"),
        requiredText(task, "summaryText", "活动总结", 4000),
        actor(task));
  }
}
