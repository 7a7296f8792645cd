package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;

import cn.datian.noticeflow.common.DecisionListener;
import cn.datian.noticeflow.identity.Deciders;
import cn.datian.noticeflow.identity.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Task_SignOffNotice (签发): the office head approves the draft or returns it with a reason. Listens
 * on create (to clear the previous round's decision) and complete.
 */
@Component("noticeSignOffListener")
public class NoticeSignOffListener extends DecisionListener {

  static final String DECISION = "signOffDecision";
  static final String COMMENT = "signOffComment";

  private final Deciders deciders;
  private final NoticeService noticeService;

  public NoticeSignOffListener(NoticeService noticeService, Deciders deciders) {
    super(
        new Form(DECISION, "approve", COMMENT, "意见", "退回时请说明理由 (a return needs a reason)", false));
    this.deciders = deciders;
    this.noticeService = noticeService;
  }

  @Override
  protected void requireDecider(DelegateExecution execution) {
    deciders.require(actor(), Groups.OFFICE_HEAD, "领导小组办公室负责人");
  }

  @Override
  protected void record(
      DelegateExecution execution, boolean approved, String comment, String user) {
    noticeService.recordSignOff(
        noticeService.requireByProcess(execution.getProcessInstanceId()).id(),
        approved,
        comment,
        user);
  }
}
