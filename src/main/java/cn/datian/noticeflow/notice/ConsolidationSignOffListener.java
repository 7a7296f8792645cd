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

/** Task_SignOffConsolidation: the office head approves the consolidated report or returns it. */
@Component("consolidationSignOffListener")
public class ConsolidationSignOffListener implements TaskListener, ExecutionListener {

  static final String DECISION = "consolidationDecision";
  static final String COMMENT = "consolidationComment";

  private final Deciders deciders;
  private final NoticeService noticeService;

  public ConsolidationSignOffListener(NoticeService noticeService, Deciders deciders) {
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
    noticeService.recordConsolidationSignOff(
        noticeService.requireByProcess(execution.getProcessInstanceId()).id(), approved, comment, actor());
  }
}
