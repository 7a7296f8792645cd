package cn.datian.noticeflow.deadline;

import cn.datian.noticeflow.response.ResponseRecord;
import cn.datian.noticeflow.mail.MailService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_DeliverMail: sends this department's waiting mail. It runs in its own job (async before
 * and after) with a retry cycle, so a mail server that is down delays mail but loses none.
 */
@Component("deliverMailDelegate")
public class DeliverMailDelegate implements JavaDelegate {

  private final ResponseRecord responseRecord;
  private final MailService mailService;

  public DeliverMailDelegate(MailService mailService, ResponseRecord responseRecord) {
    this.responseRecord = responseRecord;
    this.mailService = mailService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mailService.deliverPending(
        responseRecord.noticeId(execution), responseRecord.departmentId(execution));
  }
}
