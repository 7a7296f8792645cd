package cn.datian.noticeflow.common;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * An approve-or-return decision on a user task (签发, 审核), one skeleton for all of them. On create it
 * clears the previous round's decision, so it cannot pre-fill this one; on the task's end it checks
 * who decides, reads the decision and the comment (a return needs one) and hands them to {@link
 * #record}.
 */
public abstract class DecisionListener implements TaskListener, ExecutionListener {

  /**
   * The decision's form fields and words.
   *
   * @param decisionVariable the choice's variable, {@code approve} (or {@code accept}) or {@code
   *     return}
   * @param approveValue the value that approves
   * @param commentVariable the comment's variable
   * @param commentLabel the comment's name in a refusal
   * @param returnWithoutComment the refusal when a return comes without a comment
   * @param keepComment whether the last round's comment stays for the next (for the department to
   *     read)
   */
  public record Form(
      String decisionVariable,
      String approveValue,
      String commentVariable,
      String commentLabel,
      String returnWithoutComment,
      boolean keepComment) {}

  private final Form form;

  protected DecisionListener(Form form) {
    this.form = form;
  }

  /** Refuses the completion unless the current user may decide here. */
  protected abstract void requireDecider(DelegateExecution execution);

  /** Records the checked decision (approved or returned) with its comment, as {@code user}. */
  protected abstract void record(
      DelegateExecution execution, boolean approved, String comment, String user);

  /** On create: the previous round's decision must not pre-fill this one. */
  @Override
  public void notify(DelegateTask task) {
    if (form.keepComment()) {
      task.removeVariable(form.decisionVariable());
    } else {
      task.removeVariables(Set.of(form.decisionVariable(), form.commentVariable()));
    }
  }

  /** On the task's end: check and record the decision. */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    requireDecider(execution);
    boolean approved =
        choice(execution, form.decisionVariable(), Set.of(form.approveValue(), "return"))
            .equals(form.approveValue());
    String comment = optionalText(execution, form.commentVariable(), form.commentLabel(), 2000);
    if (!approved && comment == null) {
      throw invalid(form.commentVariable(), form.returnWithoutComment());
    }
    record(execution, approved, comment, actor());
  }
}
