package cn.datian.noticeflow.response;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ReviewSummary: the office accepts the summary or returns it with comments. */
@Component("summaryReviewListener")
public class SummaryReviewListener implements TaskListener {

  static final String DECISION = "reviewDecision";
  static final String COMMENT = "reviewComment";

  private final DepartmentResponseService responses;

  public SummaryReviewListener(DepartmentResponseService responses) {
    this.responses = responses;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      // The department keeps the last comment to read; the office decides afresh each round.
      task.removeVariable(DECISION);
      return;
    }
    boolean accepted = choice(task, DECISION, Set.of("accept", "return")).equals("accept");
    String comment = optionalText(task, COMMENT, "审核意见", 2000);
    if (!accepted && comment == null) {
      throw invalid(COMMENT, "退回时请填写审核意见 (a return needs comments)");
    }
    responses.review(
        (String) task.getVariable("noticeId"),
        (String) task.getVariable("departmentId"),
        accepted,
        comment,
        actor(task));
  }
}
