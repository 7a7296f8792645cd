package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_CheckResponsesFinished: did every recipient finish before the lifecycle waits? */
@Component("checkResponsesFinishedDelegate")
public class CheckResponsesFinishedDelegate implements JavaDelegate {

  private final NoticeService noticeService;
  private final ResponseFanOut fanOut;

  public CheckResponsesFinishedDelegate(NoticeService noticeService, ResponseFanOut fanOut) {
    this.noticeService = noticeService;
    this.fanOut = fanOut;
  }

  @Override
  public void execute(DelegateExecution execution) {
    fanOut.checkBeforeWaiting(
        noticeService.requireByProcess(execution.getProcessInstanceId()).id());
  }
}
