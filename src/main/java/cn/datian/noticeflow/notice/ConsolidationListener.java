package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Task_ConsolidateReport (汇总): the office writes the consolidated summary. */
@Component("consolidationListener")
public class ConsolidationListener implements TaskListener {

  private final NoticeService noticeService;

  public ConsolidationListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateTask task) {
    noticeService.recordConsolidation(
        (String) task.getVariable("noticeId"),
        requiredText(task, "consolidatedSummary", "汇总报告", 4000),
        actor(task));
  }
}
