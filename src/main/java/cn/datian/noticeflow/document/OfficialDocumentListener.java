package cn.datian.noticeflow.document;

import cn.datian.noticeflow.notice.NoticeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Task_PublishNotice, on its start: the office head has just signed the notice off, so the system
 * writes it as a GB/T 9704 document, in the same transaction as the sign-off.
 */
@Component("officialDocumentListener")
public class OfficialDocumentListener implements ExecutionListener {

  private final NoticeService noticeService;
  private final OfficialDocumentService officialDocuments;

  public OfficialDocumentListener(
      NoticeService noticeService, OfficialDocumentService officialDocuments) {
    this.noticeService = noticeService;
    this.officialDocuments = officialDocuments;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var notice = noticeService.requireByProcess(execution.getProcessInstanceId());
    officialDocuments.write(notice.id(), cn.datian.noticeflow.common.TaskInput.actor());
  }
}
