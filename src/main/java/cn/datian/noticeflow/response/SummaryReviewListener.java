package cn.datian.noticeflow.response;

import cn.datian.noticeflow.identity.Groups;
import cn.datian.noticeflow.identity.Deciders;
import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ReviewSummary: the office accepts the summary or returns it with comments. */
@Component("summaryReviewListener")
public class SummaryReviewListener implements TaskListener, ExecutionListener {

  static final String DECISION = "reviewDecision";
  static final String COMMENT = "reviewComment";

  private final Deciders deciders;
  private final ResponseRecord responseRecord;
  private final DepartmentResponseService responses;
  private final ChaseSignal chaseSignal;

  public SummaryReviewListener(DepartmentResponseService responses, ChaseSignal chaseSignal, ResponseRecord responseRecord, Deciders deciders) {
    this.deciders = deciders;
    this.responseRecord = responseRecord;
    this.responses = responses;
    this.chaseSignal = chaseSignal;
  }

  /** On create: the previous round's decision must not pre-fill this one. */
  @Override
  public void notify(DelegateTask task) {
    // The department keeps the last comment to read; the office decides afresh each round.
    task.removeVariable(DECISION);
  }

  /** On the task's end: check and record the decision. */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    deciders.require(actor(), Groups.OFFICE, "领导小组办公室");
    boolean accepted = choice(execution, DECISION, Set.of("accept", "return")).equals("accept");
    String comment = optionalText(execution, COMMENT, "审核意见", 2000);
    if (!accepted && comment == null) {
      throw invalid(COMMENT, "退回时请填写审核意见 (a return needs comments)");
    }
    ResponseRecord.Ref response = responseRecord.of(execution);
    responses.review(
        response.noticeId(),
        response.departmentId(),
        accepted,
        comment,
        actor());
    if (!accepted) {
      // owed again: the deadline watch resumes reminding
      chaseSignal.responseChangedAfterCommit(execution.getProcessInstanceId());
    }
  }
}
