package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PublishNotice: records the recipients (one row each, from the notice's record) and opens the
 * fan-out; Task_StartResponseBatch then starts their responses in batches.
 */
@Component("publishNoticeDelegate")
public class PublishNoticeDelegate implements JavaDelegate {

  private final NoticeService noticeService;

  public PublishNoticeDelegate(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    noticeService.publish(noticeService.requireByProcess(execution.getProcessInstanceId()).id());
  }
}
