package cn.datian.noticeflow.evidence;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;

import cn.datian.noticeflow.common.TaskInput;
import cn.datian.noticeflow.response.DepartmentResponseService;
import cn.datian.noticeflow.response.ResponseRecord;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_UploadEvidence: the department hands in its summary: uploaded files (at least one document),
 * a short summary text, and whether the paper copy was delivered.
 */
@Component("evidenceSubmissionListener")
public class EvidenceSubmissionListener implements ExecutionListener {

  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final EvidenceService evidence;

  public EvidenceSubmissionListener(
      DepartmentResponseService responses,
      EvidenceService evidence,
      ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.evidence = evidence;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    ResponseRecord.Ref response = responseRecord.of(execution);
    String noticeId = response.noticeId();
    String departmentId = response.departmentId();
    String summary = requiredText(execution, "summaryText", "活动总结", 4000);
    String paper = paperCopy(execution);
    // the process keeps only the ids; the files are in the evidence store
    execution.setVariable(
        "evidenceIds", String.join(",", evidence.requireElectronicSummary(noticeId, departmentId)));
    responses.submitEvidence(noticeId, departmentId, summary, paper, actor());
  }

  /** Whether the paper copy was delivered, and when and to whom: both needed if it was. */
  private static String paperCopy(DelegateExecution execution) {
    Object delivered = execution.getVariable("paperCopyDelivered");
    if (!Boolean.TRUE.equals(delivered) && !"true".equals(String.valueOf(delivered))) {
      return "纸质总结未报送";
    }
    String on = requiredText(execution, "paperDeliveredOn", "纸质总结报送日期", 10);
    if (!on.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw TaskInput.invalid("paperDeliveredOn", "纸质总结报送日期应为有效日期（如 2021-09-30）");
    }
    String to = requiredText(execution, "paperDeliveredTo", "纸质总结接收人", 100);
    return "纸质总结已于 " + on + " 报送，接收人：" + to;
  }
}
