package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.choice;
import static cn.datian.noticeflow.common.TaskInput.invalid;
import static cn.datian.noticeflow.common.TaskInput.optionalText;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_SignOffConsolidation: the office head approves the consolidated report or returns it. */
@Component("consolidationSignOffListener")
public class ConsolidationSignOffListener implements TaskListener {

  static final String DECISION = "consolidationDecision";
  static final String COMMENT = "consolidationComment";

  private final NoticeService noticeService;

  public ConsolidationSignOffListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateTask task) {
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      task.removeVariables(Set.of(DECISION, COMMENT));
      return;
    }
    String decision = choice(task, DECISION, Set.of("approve", "return"));
    String comment = optionalText(task, COMMENT, "意见", 2000);
    boolean approved = decision.equals("approve");
    if (!approved && comment == null) {
      throw invalid(COMMENT, "退回时请说明理由 (a return needs a reason)");
    }
    noticeService.recordConsolidationSignOff(
        (String) task.getVariable("noticeId"), approved, comment, actor(task));
  }
}
