package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PrepareConsolidation: every recipient is done; the office gets an overview. */
@Component("prepareConsolidationDelegate")
public class PrepareConsolidationDelegate implements JavaDelegate {

  private final NoticeService noticeService;

  public PrepareConsolidationDelegate(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        "consolidationOverview",
        noticeService.startConsolidation(
            noticeService.requireByProcess(execution.getProcessInstanceId()).id()));
  }
}
