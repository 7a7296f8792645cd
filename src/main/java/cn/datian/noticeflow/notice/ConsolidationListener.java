package cn.datian.noticeflow.notice;

import static cn.datian.noticeflow.common.TaskInput.actor;
import static cn.datian.noticeflow.common.TaskInput.requiredText;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Task_ConsolidateReport (汇总): the office writes the consolidated summary. */
@Component("consolidationListener")
public class ConsolidationListener implements ExecutionListener {

  private final NoticeService noticeService;

  public ConsolidationListener(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (execution.isCanceled()) {
      return;
    }
    noticeService.recordConsolidation(
        noticeService.requireByProcess(execution.getProcessInstanceId()).id(),
        requiredText(execution, "consolidatedSummary", "汇总报告", 4000),
        actor());
  }
}
