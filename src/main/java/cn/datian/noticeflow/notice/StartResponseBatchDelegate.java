package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StartResponseBatch: the next batch of recipients' responses, in this job's transaction. */
@Component("startResponseBatchDelegate")
public class StartResponseBatchDelegate implements JavaDelegate {

  private final NoticeService noticeService;
  private final ResponseFanOut fanOut;

  public StartResponseBatchDelegate(NoticeService noticeService, ResponseFanOut fanOut) {
    this.noticeService = noticeService;
    this.fanOut = fanOut;
  }

  @Override
  public void execute(DelegateExecution execution) {
    fanOut.startNextBatch(noticeService.requireByProcess(execution.getProcessInstanceId()).id());
  }
}
