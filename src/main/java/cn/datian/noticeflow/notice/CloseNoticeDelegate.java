package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CloseNotice: the consolidated report is signed off; the notice is closed. */
@Component("closeNoticeDelegate")
public class CloseNoticeDelegate implements JavaDelegate {

  private final NoticeService noticeService;

  public CloseNoticeDelegate(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    noticeService.close(noticeService.requireByProcess(execution.getProcessInstanceId()).id());
  }
}
