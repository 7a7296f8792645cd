package cn.datian.noticeflow.notice;

import cn.datian.noticeflow.identity.Deciders;
import cn.datian.noticeflow.identity.Groups;
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

/**
 * Task_SignOffNotice (签发): the office head approves the draft or returns it with a reason.
 * Listens on create (to clear the previous round's decision) and complete.
 */
@Component("noticeSignOffListener")
public class NoticeSignOffListener implements TaskListener, ExecutionListener {

  static final String DECISION = "signOffDecision";
  static final String COMMENT = "signOffComment";

  private final Deciders deciders;
  private final NoticeService noticeService;

  public NoticeSignOffListener(NoticeService noticeService, Deciders deciders) {
    this.deciders = deciders;
    this.noticeService = noticeService;
  }

  /** On create: the previous round's decision must not pre-fill this one. */
  @Override
  public void notify(DelegateTask task) {
    task.removeVariables(Set.of(DECISION, COMMENT));
  }

  /** On the task's end: check and record the decision. */
  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    deciders.require(actor(), Groups.OFFICE_HEAD, "领导小组办公室负责人");
    String decision = choice(execution, DECISION, Set.of("approve", "return"));
    String comment = optionalText(execution, COMMENT, "意见", 2000);
    boolean approved = decision.equals("approve");
    if (!approved && comment == null) {
      throw invalid(COMMENT, "退回时请说明理由 (a return needs a reason)");
    }
    noticeService.recordSignOff(
        noticeService.requireByProcess(execution.getProcessInstanceId()).id(), approved, comment, actor());
  }
}
