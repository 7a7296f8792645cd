package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;

import cn.datian.noticeflow.common.DecisionListener;
import cn.datian.noticeflow.identity.Deciders;
import cn.datian.noticeflow.identity.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Task_ReviewSummary: the office accepts the summary or returns it with comments. */
@Component("summaryReviewListener")
public class SummaryReviewListener extends DecisionListener {

  static final String DECISION = "reviewDecision";
  static final String COMMENT = "reviewComment";

  private final Deciders deciders;
  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final ChaseSignal chaseSignal;

  public SummaryReviewListener(
      DepartmentResponseService responses,
      ChaseSignal chaseSignal,
      ResponseRecord responseRecord,
      Deciders deciders) {
    // The department keeps the last comment to read; the office decides afresh each round.
    super(
        new Form(
            DECISION, "accept", COMMENT, "审核意见", "退回时请填写审核意见 (a return needs comments)", true));
    this.deciders = deciders;
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.chaseSignal = chaseSignal;
  }

  @Override
  protected void requireDecider(DelegateExecution execution) {
    deciders.require(actor(), Groups.OFFICE, "领导小组办公室");
  }

  @Override
  protected void record(
      DelegateExecution execution, boolean accepted, String comment, String user) {
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.review(response.noticeId(), response.departmentId(), accepted, comment, user);
    if (!accepted) {
      // owed again: the deadline watch resumes reminding
      chaseSignal.responseChangedAfterCommit(execution.getProcessInstanceId());
    }
  }
}
