package cn.datian.noticeflow.notice;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PublishNotice: records the recipients and hands their ids to the fan-out. */
@Component("publishNoticeDelegate")
public class PublishNoticeDelegate implements JavaDelegate {

  private final NoticeService noticeService;

  public PublishNoticeDelegate(NoticeService noticeService) {
    this.noticeService = noticeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable(
        "recipientIds",
        noticeService.publish(noticeService.requireByProcess(execution.getProcessInstanceId()).id()));
  }
}
